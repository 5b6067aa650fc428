import { describe, expect, it } from 'vitest';
import {
  crashedCase,
  okCase,
  RESULTS_SCHEMA_VERSION,
  unmeasuredCase,
  validateResults,
  type ResultsFile,
} from './results.js';

const file = (cases: unknown[]): unknown => ({
  schema: 'weft-results',
  schemaVersion: RESULTS_SCHEMA_VERSION,
  runId: 'r1',
  createdAt: '2026-11-27T00:00:00.000Z',
  host: { cpuModel: 'cpu', cores: 2, memoryBytes: 1024, os: 'Linux', arch: 'x64' },
  runtime: { name: 'node', version: '20.20.2' },
  versions: { '@weft/core': '0.1.0' },
  profile: 'smoke',
  cases,
});

describe('results', () => {
  it('builds ok cases with a summary and unmeasured cases with a reason', () => {
    const ok = okCase({ workload: 'w', strategy: 's', unit: 'ms', samples: [3, 1, 2], metrics: { x: 1 } });
    expect(ok).toMatchObject({ status: 'ok', backend: 'none', summary: { median: 2, n: 3 } });
    const skipped = unmeasuredCase('skipped', { workload: 'w', strategy: 's' }, 'no wasm');
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'no wasm', samples: [], summary: null });
  });
  it('validates a well-formed file', () => {
    const data = file([
      okCase({ workload: 'w', strategy: 's', unit: 'ms', samples: [1] }),
      unmeasuredCase('failed', { workload: 'w', strategy: 't' }, 'boom'),
    ]);
    expect(validateResults(JSON.parse(JSON.stringify(data))).cases).toHaveLength(2);
  });
  it('names the first wrong field', () => {
    const bad = file([{ ...okCase({ workload: 'w', strategy: 's', unit: 'ms', samples: [1] }), status: 'great' }]);
    expect(() => validateResults(bad)).toThrow(
      /results\.cases\[0\]\.status should be one of "ok", "skipped", "failed", "crashed"/,
    );
    expect(() => validateResults({ ...(file([]) as ResultsFile), schemaVersion: 99 })).toThrow(/schemaVersion/);
    expect(() => validateResults([])).toThrow(/results should be an object/);
  });
  it('rejects an ok case without samples and a failed case without a reason', () => {
    const empty = { ...okCase({ workload: 'w', strategy: 's', unit: 'ms', samples: [1] }), samples: [] };
    expect(() => validateResults(file([empty]))).toThrow(/ok with samples/);
    const { reason: _reason, ...noReason } = unmeasuredCase('failed', { workload: 'w', strategy: 's' }, 'x');
    expect(() => validateResults(file([noReason]))).toThrow(/reason should be a string when status is failed/);
  });
  it('keeps a crashed case as a measurement: the completed repeats, their summary, the crash rate and the reason', () => {
    const partly = crashedCase(
      { workload: 'w', strategy: 's', unit: 'ms', samples: [4, 2], metrics: { x: 1 } },
      'child crashed (killed by SIGSEGV)',
      1,
      3,
    );
    expect(partly).toMatchObject({
      status: 'crashed',
      reason: 'child crashed (killed by SIGSEGV)',
      summary: { n: 2, median: 3 },
      metrics: { x: 1, crashRate: 1 / 3 },
    });
    const always = crashedCase({ workload: 'w', strategy: 's', unit: 'ms' }, 'child crashed (killed by SIGABRT)', 2, 2);
    expect(always).toMatchObject({ samples: [], summary: null, metrics: { crashRate: 1 } });
    expect(validateResults(JSON.parse(JSON.stringify(file([partly, always])))).cases).toHaveLength(2);
    const { crashRate: _rate, ...noRate } = always.metrics;
    expect(() => validateResults(file([{ ...always, metrics: noRate }]))).toThrow(
      /metrics\.crashRate should be a number when status is crashed/,
    );
    expect(() =>
      validateResults(file([{ ...unmeasuredCase('failed', { workload: 'w', strategy: 's' }, 'x'), samples: [1] }])),
    ).toThrow(/samples should be empty when status is failed/);
  });
  it('rejects non-finite numbers', () => {
    const nan = { ...okCase({ workload: 'w', strategy: 's', unit: 'ms', samples: [1] }), metrics: { x: null } };
    expect(() => validateResults(file([nan]))).toThrow(/metrics\.x should be a finite number/);
  });
});
