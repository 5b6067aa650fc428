/** Vite's `?worker&url` import: the URL its worker plugin serves the module at. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}

/** Vite's `?url` import: the URL a file (here the tfjs `.wasm` binaries) is served at. */
declare module '*?url' {
  const url: string;
  export default url;
}
