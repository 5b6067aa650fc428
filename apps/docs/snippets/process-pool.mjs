// node process-pool.mjs — CPU-bound work on one worker thread per core (Python: ProcessPoolExecutor)
import { isMainThread } from 'node:worker_threads';
import { defineTask } from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';

export function countPrimes(below) {
  let count = 0;
  for (let n = 2; n < below; n += 1) {
    let prime = true;
    for (let d = 2; d * d <= n && prime; d += 1) prime = n % d !== 0;
    if (prime) count += 1;
  }
  return count;
}
const countPrimesTask = defineTask(import.meta.url, 'countPrimes');

if (isMainThread) {
  const pool = nodeThreadsExecutor(); // nodeProcessExecutor() for child processes
  console.log(await pool.map(countPrimesTask, [50_000, 100_000, 150_000, 200_000])); // [ 5133, 9592, 13848, 17984 ]
  await pool.close();
}
