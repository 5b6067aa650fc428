// The page: a pool whose workers start from the bundled worker entry.
import { webWorkerExecutor } from '@weft/browser';
import { squareTask } from './task-refs.js';

const pool = webWorkerExecutor({
  size: 2,
  // Keep this literal: Vite and webpack bundle the worker entry they find in `new Worker(new URL(...))`;
  // with esbuild, weft-worker.js is an entry point of its own, written next to main.js.
  createWorker: () => new Worker(new URL('./weft-worker.js', import.meta.url), { type: 'module' }),
});
try {
  window.weftResult = { ok: true, value: await pool.map(squareTask, [1, 2, 3, 4, 5, 6, 7, 8]) };
} catch (error) {
  window.weftResult = { ok: false, error: `${error.code ?? error.name}: ${error.message}` };
} finally {
  await pool.close();
}
document.body.textContent = JSON.stringify(window.weftResult);
