import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { isWeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { probeChromium } from './chromium.js';
import { runInChromium } from './chromium-session.js';
import { chromiumPath } from './chromium.js';

// The page bundle is built from dist/: build the package first.
const probe = await probeChromium();
if (probe.status !== 'available') console.warn(`skipping the Chromium study test: ${JSON.stringify(probe)}`);

describe('runInChromium', () => {
  it.skipIf(probe.status !== 'available')(
    'runs transfer, dispatch, load over HTTP and train (tfjs wasm) in headless Chromium and returns valid results',
    async () => {
      const lines: string[] = [];
      const results = await runInChromium(chromiumPath() as string, {
        profile: 'smoke',
        workloads: ['transfer', 'dispatch', 'load', 'train'],
        timeoutMs: 90_000,
        progress: (m) => lines.push(m),
      });
      expect(results.runtime.name).toBe('chromium');
      const ok = (workload: string) =>
        results.cases.filter((c) => c.workload === workload && c.status === 'ok').map((c) => c.strategy);
      // SharedArrayBuffer only works when the page is cross-origin isolated: the shared case proves the headers.
      expect(new Set(ok('transfer'))).toEqual(new Set(['clone', 'transfer', 'shared', 'memcpy']));
      expect(ok('dispatch')).toEqual(expect.arrayContaining(['raw-web-workers-throughput', 'raw-web-workers-latency']));
      expect(ok('load')).toEqual(expect.arrayContaining(['sequential', 'event-loop']));
      // tfjs wasm in the page (main thread) and, when @weft/browser is built, in Weft's web workers.
      expect(ok('train')).toContain('main-thread');
      const trained = results.cases.filter((c) => c.workload === 'train' && c.status === 'ok');
      expect(new Set(trained.map((c) => c.metrics['testAccuracy']))).toHaveProperty('size', 1); // same model, same seed: same accuracy
      expect(results.cases.filter((c) => c.status === 'failed')).toEqual([]);
      expect(lines).toContain('dispatch: starting');
    },
    120_000,
  );

  it.skipIf(probe.status !== 'available')(
    'fails with TIMEOUT and leaves no browser behind when the run does not finish in time',
    async () => {
      const error = await runInChromium(chromiumPath() as string, {
        profile: 'smoke',
        workloads: ['train'],
        timeoutMs: 800,
        progress: () => undefined,
      }).catch((e: unknown) => e);
      expect(isWeftError(error, 'TIMEOUT')).toBe(true);
      expect((error as Error).message).toMatch(/^chromium did not finish within 1 s and was killed/);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { stdout } = await promisify(execFile)('ps', ['-eo', 'args']);
      // The run removes its profile folder: a browser still using a removed one was left behind. (Other tests may run
      // their own Chromium meanwhile, with a profile folder that still exists.)
      const profiles = stdout
        .split('\n')
        .flatMap((line) => line.match(/--user-data-dir=(\S*weft-chromium-[^/\s]+)/)?.[1] ?? []);
      expect(profiles.filter((profile) => !existsSync(profile))).toEqual([]);
    },
    60_000,
  );
});
