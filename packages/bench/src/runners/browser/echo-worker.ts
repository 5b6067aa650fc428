/** @module runners/browser/echo-worker — the raw Web Worker of the browser `dispatch` workload: it posts each message back. */
import { workerScope } from './globals.js';

workerScope.addEventListener('message', (event) => workerScope.postMessage(event.data));
