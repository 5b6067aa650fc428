// tasks.mjs: a task is a named export of an ES module, found by the module's URL in the worker.
import { defineTask } from '@weft/core';

export function sum(chunk) {
  return chunk.reduce((a, b) => a + b, 0);
}
export const sumTask = defineTask(import.meta.url, 'sum');
