/** @module dispatch-task — the no-op task every pool runs in the `dispatch` workload (Weft, piscina, tinypool). */
import { defineTask } from '@weft/core';

/** Returns its input unchanged: all the cost measured is the pool's. */
export function noop(input: number): number {
  return input;
}

/** {@link noop} as a Weft task. */
export const noopTask = defineTask<number, number>(import.meta.url, 'noop');

/** piscina and tinypool call a worker module's default export unless told a name. */
export default noop;
