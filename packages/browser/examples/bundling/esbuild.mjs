// node esbuild.mjs: the page and the worker entry as two self-contained files in dist-esbuild/, beside a copy of
// index.html that loads main.js.
import { readFile, writeFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['src/main.js', 'src/weft-worker.js'],
  bundle: true,
  format: 'esm',
  outdir: 'dist-esbuild',
  logLevel: 'warning',
});
const html = await readFile('index.html', 'utf8');
await writeFile('dist-esbuild/index.html', html.replace('/src/main.js', './main.js'));
