// A decode task for load-shards.mjs: runs on a worker thread. A shard holds one digit per 785 bytes
// (a label, then 28 × 28 pixels); the task turns it into float pixels in [0, 1] and int labels.
import { defineTask, withTransfer } from '@weft/core';

export function decodeDigits({ bytes }) {
  const rows = bytes.length / 785;
  const x = new Float32Array(rows * 784);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    labels[r] = bytes[r * 785];
    for (let p = 0; p < 784; p += 1) x[r * 784 + p] = bytes[r * 785 + 1 + p] / 255;
  }
  return withTransfer({ x, labels }, [x.buffer, labels.buffer]);
}

export const decodeDigitsTask = defineTask(import.meta.url, 'decodeDigits');
