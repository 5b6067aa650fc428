/** @module loader.fixture — a decode task for the loader's tests, run through an executor. */
import { WeftError } from './errors.js';
import { defineTask } from './task.js';
import type { DecodeInput } from './loader.js';

/** Sums a shard's bytes; a shard whose first byte is 255 is "corrupt". */
export function sumBytes(input: DecodeInput): { shard: string; sum: number } {
  if (input.bytes[0] === 255) throw new WeftError('DATA_CORRUPT', 'first byte is 255');
  let sum = 0;
  for (const b of input.bytes) sum += b;
  return { shard: input.shard, sum };
}

/** {@link sumBytes} as a task. */
export const sumBytesTask = defineTask<DecodeInput, { shard: string; sum: number }>(import.meta.url, 'sumBytes');
