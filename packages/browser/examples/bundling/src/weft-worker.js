// The worker entry: Weft's worker loop, with the task functions bundled in and registered by name, so the worker
// imports nothing at run time (bundled code has no URL of its own to import, and the page bundle is never loaded).
import '@weft/browser/worker';
import { registerTaskModule } from '@weft/core';
import * as tasks from './tasks.js';

registerTaskModule('bundle:tasks', tasks);
