/** Vite's `?worker&url` import: the URL its worker plugin serves the module at. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
