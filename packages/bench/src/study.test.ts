import { WeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { runStudy } from './study.js';
import type { Workload } from './workload.js';
import { nodeWorkloadHost } from './hosts/node/node-host.js';

/** A workload whose run throws `error`. */
const throwing = (name: string, error: Error): Workload => ({
  name,
  question: `${name}?`,
  options: [],
  run: () => Promise.reject(error),
});

describe('runStudy', () => {
  it('records a workload that breaks as failed and one that cannot run here (UNSUPPORTED) as skipped, and goes on', async () => {
    const plan = [
      throwing('broken', new Error('boom')),
      throwing('absent', new WeftError('UNSUPPORTED', 'cannot load tfjs: npm install @tensorflow/tfjs-core')),
    ].map((workload) => ({ workload, options: {} }));
    const results = await runStudy({
      profile: 'smoke',
      workloads: plan,
      progress: () => undefined,
      host: nodeWorkloadHost,
    });
    expect(results.cases.map((c) => [c.workload, c.status, c.reason])).toEqual([
      ['broken', 'failed', 'boom'],
      ['absent', 'skipped', 'cannot load tfjs: npm install @tensorflow/tfjs-core'],
    ]);
  });

  it('stops the run on bad input', async () => {
    const plan = [
      { workload: throwing('bad', new WeftError('INVALID_ARGUMENT', '--seed must be positive')), options: {} },
    ];
    await expect(
      runStudy({ profile: 'smoke', workloads: plan, progress: () => undefined, host: nodeWorkloadHost }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
