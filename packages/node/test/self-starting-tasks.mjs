// A task module that also starts a pool when it loads, as a page bundle that holds its own tasks does: a worker that
// imports it to find `square` must fail that import, not start workers of its own (src/threads-executor.test.ts).
import { defineTask } from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';

export const pool = nodeThreadsExecutor({ size: 1 });

export function square(n) {
  return n * n;
}
export const squareTask = defineTask(import.meta.url, 'square');
