/**
 * @module runners/chromium-session — one study run inside headless Chromium: bundle, serve, open the page with a
 * fresh profile, relay its progress, take the results it posts (validated), and close everything whatever happens.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { WeftError } from '@weft/core';
import { validateResults, type ResultsFile } from '@weft/core/study';
import { readFile } from 'node:fs/promises';
import { tfjsWasmDir } from '@weft/node/tfjs';
import { loadMnist } from '../data/mnist.js';
import { sliceRows } from '../data/mnist-shape.js';
import { writeShards } from '../data/shards.js';
import { hostInfo, installedVersion, packageVersions } from '../environment.js';
import { resolveOptions } from '../options.js';
import { hostPeakInputs } from '../workloads/backends-peak.js';
import type { OptionValue } from '../workload.js';
import { WORKLOADS } from '../workloads/index.js';
import { bundleBrowserStudy } from './browser-bundle.js';
import { CHROMIUM_FLAGS } from './chromium-flags.js';
import { startBrowserServer, type BrowserServer } from './browser-server.js';
import { PROGRESS_PREFIX, type BrowserStudyConfig } from './browser/config.js';
import type { RunRequest } from './runtime.js';
import { makeScratchDir, removeScratchDir } from '../scratch-dirs.js';

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WeftError('TIMEOUT', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The `train` workload's digits for the page: an int32 header (train rows, test rows, features), then the train
 * images (float32), train labels (int32), test images and test labels, as `loadMnist()` splits them in Node.
 */
async function mnistBinary(trainSize: number): Promise<Uint8Array> {
  const mnist = await loadMnist();
  const train = sliceRows(mnist.train, trainSize);
  const test = mnist.test;
  const header = Int32Array.of(train.rows, test.rows, train.features);
  const parts = [header, train.x, train.labels, test.x, test.labels];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  return out;
}

/** Runs the browser workloads in the Chromium at `executable` and returns its validated results file. */
export async function runInChromium(executable: string, request: RunRequest): Promise<ResultsFile> {
  const started = performance.now();
  const left = () => Math.max(1, request.timeoutMs - (performance.now() - started));
  const timeoutMessage = `chromium did not finish within ${Math.round(request.timeoutMs / 1000)} s and was killed; raise --runtime-timeout or run fewer workloads`;
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (cause) {
    throw new WeftError('UNSUPPORTED', 'cannot load playwright-core: npm install -D playwright-core', { cause });
  }
  request.progress('bundling the browser study');
  const bundle = await bundleBrowserStudy();
  const options: Record<string, Record<string, OptionValue>> = {};
  for (const name of request.workloads) {
    const workload = WORKLOADS.find((w) => w.name === name);
    if (workload) options[name] = resolveOptions(workload.options, request.profile, {});
  }
  const scratch = await makeScratchDir('weft-chromium-');
  let server: BrowserServer | undefined;
  let context: import('playwright-core').BrowserContext | undefined;
  try {
    const load = options['load'];
    const shardCount = request.workloads.includes('load') && load ? (load['shards'] as number) : 0;
    const set = shardCount > 0 ? await writeShards(path.join(scratch, 'shards'), shardCount) : undefined;
    const versions: Record<string, string> = { ...packageVersions(), esbuild: bundle.esbuildVersion };
    const browserVersion = installedVersion('@weft/browser');
    if (browserVersion && bundle.weftUnavailable === undefined) versions['@weft/browser'] = browserVersion;
    const playwrightVersion = installedVersion('playwright-core');
    if (playwrightVersion) versions['playwright-core'] = playwrightVersion;
    const config: BrowserStudyConfig = {
      profile: request.profile,
      runId: randomUUID(),
      host: hostInfo(),
      versions,
      workloads: request.workloads,
      options,
      shards: {
        names: set?.names ?? [],
        totalBytes: set?.totalBytes ?? 0,
        latencyMs: load ? (load['latency-ms'] as number) : 0,
      },
      ...(bundle.weftUnavailable === undefined ? {} : { weftUnavailable: bundle.weftUnavailable }),
      ...(request.workloads.includes('backends') ? { peak: hostPeakInputs() } : {}),
    };
    const assets = new Map<string, { type: string; body: Uint8Array }>();
    const train = options['train'];
    const backends = options['backends'];
    if (train || backends) {
      for (const name of [
        'tfjs-backend-wasm.wasm',
        'tfjs-backend-wasm-simd.wasm',
        'tfjs-backend-wasm-threaded-simd.wasm',
      ]) {
        assets.set(`/tfjs/${name}`, { type: 'application/wasm', body: await readFile(path.join(tfjsWasmDir(), name)) });
      }
      const rows = Math.max(
        (train?.['train-size'] as number | undefined) ?? 0,
        (backends?.['batch'] as number | undefined) ?? 0,
      );
      assets.set('/mnist.bin', { type: 'application/octet-stream', body: await mnistBinary(rows) });
    }
    server = await startBrowserServer({
      files: bundle.files,
      assets,
      config,
      shards: new Map((set?.names ?? []).map((n, i) => [n, set?.contents[i] as Uint8Array])),
      latencyMs: config.shards.latencyMs,
    });
    request.progress('starting headless chromium');
    const launching = playwright.chromium.launchPersistentContext(path.join(scratch, 'profile'), {
      executablePath: executable,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    try {
      context = await withTimeout(launching, Math.min(left(), 60_000), timeoutMessage);
    } catch (error) {
      void launching.then((late) => late.close()).catch(() => undefined); // a launch that finishes after the timeout
      throw error;
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const crashed = new Promise<never>((_, reject) => {
      page.on('pageerror', (error) => reject(new WeftError('TASK_FAILED', `the browser page threw: ${error.message}`)));
      page.on('crash', () => reject(new WeftError('WORKER_CRASHED', 'the chromium page crashed')));
    });
    crashed.catch(() => undefined);
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith(PROGRESS_PREFIX)) request.progress(text.slice(PROGRESS_PREFIX.length));
      else if (process.env['WEFT_DEBUG']) request.progress(`console.${message.type()}: ${text}`);
    });
    await withTimeout(page.goto(server.url), left(), timeoutMessage);
    const posted = await withTimeout(Promise.race([server.posted, crashed]), left(), timeoutMessage);
    const results = validateResults(posted);
    if (results.runtime.name !== 'chromium')
      throw new WeftError('INVALID_RESULTS', `the browser page says it ran in "${results.runtime.name}", not chromium`);
    return results;
  } finally {
    await withTimeout(context?.close() ?? Promise.resolve(), 15_000, 'chromium did not close').catch(() => undefined);
    await server?.close();
    await removeScratchDir(scratch);
  }
}
