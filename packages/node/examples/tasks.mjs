// tasks.mjs: a task is a named export of an ES module, found by the module's URL in the worker.
import { defineTask } from '@weft/core';

export function square(n) {
  return n * n;
}
export const squareTask = defineTask(import.meta.url, 'square');
