/* global process, setTimeout, Buffer, console, URL */
// The guide's JavaScript snippets (apps/docs/snippets/*.mjs, shown beside the Python ones) run as a reader would run
// them, and print what the guide says they print. The library snippet needs the native tfjs backend: without it, it
// is skipped with a notice, unless WEFT_REQUIRE_TFJS_NODE=1 (CI).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const snippet = (name) => fileURLToPath(new URL(`../snippets/${name}`, import.meta.url));

/** Runs a snippet with this Node; resolves with its exit code and output. */
function run(name, ...args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [snippet(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const nativeBuilt = existsSync(
  fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node', import.meta.url)),
);
const requireNative = process.env.WEFT_REQUIRE_TFJS_NODE === '1';
if (!nativeBuilt && !requireNative)
  console.warn('tfjs-node not built: the library snippet is skipped (bash scripts/tfjs-node-offline.sh)');

describe("the guide's JavaScript snippets", () => {
  it('io.mjs downloads 64 shards, 16 at a time, from a server with 20 ms of latency', async () => {
    const server = createServer((_request, response) => {
      setTimeout(() => response.end(Buffer.alloc(100_000, 7)), 20);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { code, out } = await run('io.mjs', `http://127.0.0.1:${server.address().port}`);
      assert.equal(code, 0, out);
      assert.match(out, /^64 shards, 6400000 bytes$/m);
    } finally {
      server.close();
    }
  });

  it('process-pool.mjs counts primes on a pool of worker threads', async () => {
    const { code, out } = await run('process-pool.mjs');
    assert.equal(code, 0, out);
    assert.match(out.replace(/\s+/g, ' '), /\[ 5133, 9592, 13848, 17984 \]/);
  });

  it(
    'library.mjs multiplies two 1024 × 1024 matrices on the native backend',
    { skip: !nativeBuilt && !requireNative },
    async () => {
      const { code, out } = await run('library.mjs');
      assert.equal(code, 0, out);
      assert.match(out, /^matMul 1024: \d+(\.\d)? GFLOP\/s$/m);
    },
  );
});
