import { describe, expect, it } from 'vitest';
import { probeChromium } from './chromium.js';
import { runInChromium } from './chromium-session.js';
import { chromiumPath } from './chromium.js';

// The page bundle is built from dist/: build the package first.
const probe = await probeChromium();
if (probe.status !== 'available') console.warn(`skipping the Chromium study test: ${JSON.stringify(probe)}`);

describe('runInChromium', () => {
  it.skipIf(probe.status !== 'available')('runs transfer, dispatch and load over HTTP in headless Chromium and returns valid results', async () => {
    const lines: string[] = [];
    const results = await runInChromium(chromiumPath() as string, {
      profile: 'smoke',
      workloads: ['transfer', 'dispatch', 'load', 'train'],
      timeoutMs: 90_000,
      progress: (m) => lines.push(m),
    });
    expect(results.runtime.name).toBe('chromium');
    const ok = (workload: string) => results.cases.filter((c) => c.workload === workload && c.status === 'ok').map((c) => c.strategy);
    // SharedArrayBuffer only works when the page is cross-origin isolated: the shared case proves the headers.
    expect(new Set(ok('transfer'))).toEqual(new Set(['clone', 'transfer', 'shared', 'memcpy']));
    expect(ok('dispatch')).toEqual(expect.arrayContaining(['raw-web-workers-throughput', 'raw-web-workers-latency']));
    expect(ok('load')).toEqual(expect.arrayContaining(['sequential', 'event-loop']));
    const train = results.cases.filter((c) => c.workload === 'train');
    expect(train.every((c) => c.status === 'skipped' && (c.reason ?? '').length > 0)).toBe(true);
    expect(results.cases.filter((c) => c.status === 'failed')).toEqual([]);
    expect(lines).toContain('dispatch: starting');
  }, 120_000);
});
