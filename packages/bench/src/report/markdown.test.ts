import { okCase, unmeasuredCase, type ResultsFile } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber } from './format.js';
import { renderMarkdown } from './markdown.js';

const results: ResultsFile = {
  schema: 'weft-results',
  schemaVersion: 1,
  runId: 'abcdef123456',
  createdAt: '2026-11-27T00:00:00.000Z',
  host: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 2 ** 34, os: 'Linux 6', arch: 'x64' },
  runtime: { name: 'node', version: '20.20.2' },
  versions: { piscina: '5.3.2' },
  profile: 'smoke',
  cases: [
    okCase({
      workload: 'transfer',
      strategy: 'shared',
      parameters: { bytes: 1024 },
      unit: 'us',
      samples: [10, 12, 11],
      metrics: { gigabytesPerSecond: 0.1 },
    }),
    unmeasuredCase('skipped', { workload: 'transfer', strategy: 'clone', parameters: { bytes: 1024 } }, 'not today'),
  ],
};

describe('renderMarkdown', () => {
  it('writes the environment and one table per workload with metrics and status', () => {
    const md = renderMarkdown([results], { transfer: 'What does moving data cost?' });
    expect(md).toContain('**node 20.20.2** · profile `smoke`');
    expect(md).toContain('Test CPU, 2 cores, 16 GiB');
    expect(md).toContain('### transfer — What does moving data cost?');
    expect(md).toContain('| strategy | backend | parameters | median | p10–p90 | n | gigabytesPerSecond | status |');
    expect(md).toContain('| shared | none | bytes=1 KiB | 11 us | 10.2–11.8 | 3 | 0.1 | ok |');
    expect(md).toContain('| clone | none | bytes=1 KiB |  |  | 0 |  | skipped: not today |');
  });
});

describe('format', () => {
  it('formats numbers and bytes for reading', () => {
    expect(formatNumber(123456.7)).toBe('123,457');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatBytes(64 * 2 ** 20)).toBe('64 MiB');
    expect(formatBytes(1000)).toBe('1000 B');
  });
});
