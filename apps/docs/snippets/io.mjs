// node io.mjs http://127.0.0.1:8080 — 64 downloads, 16 in flight, on one thread (Python: a 16-thread pool)
import { concurrentExecutor, defineTask, registerTaskModule } from '@weft/core';

async function download(url) {
  const response = await fetch(url);
  return new Uint8Array(await response.arrayBuffer());
}
registerTaskModule('snippet:io', { download }); // a task run on this thread needs no module of its own
const downloadTask = defineTask('snippet:io', 'download');

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const urls = Array.from({ length: 64 }, (_, i) => `${base}/shard-${i}.bin`);
const loop = concurrentExecutor({ concurrency: 16 });
const shards = await loop.map(downloadTask, urls);
console.log(`${shards.length} shards, ${shards.reduce((sum, s) => sum + s.byteLength, 0)} bytes`);
