// npx vite build: Vite bundles the worker entry it finds in main.js's `new Worker(new URL(...))` as an ES module.
export default {
  worker: { format: 'es' },
  build: { outDir: 'dist-vite' },
};
