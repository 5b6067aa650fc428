// The guide's findings from synthetic results whose answers are known: break-even points, crossings, and what is
// left out when a workload is missing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { okCase, type CaseResult } from '@weft/core/study';
import { findings } from '../.vitepress/lib/findings';
import { crossing } from '../.vitepress/lib/stats';
import { studyOf } from './reference.fixture';

const study = (cases: CaseResult[]) => studyOf('test', cases);

const move = (strategy: string, bytes: number, us: number) =>
  okCase({ workload: 'transfer', strategy, parameters: { bytes }, unit: 'us', samples: [us] });
const train = (strategy: string, workers: number, ms: number) =>
  okCase({
    workload: 'train',
    strategy,
    backend: 'wasm',
    parameters: {
      backend: 'wasm',
      batch: 500,
      trainSize: 8000,
      workers,
      exchange: workers === 1 && strategy === 'main-thread' ? 'none' : 'shared',
    },
    unit: 'ms',
    samples: [ms],
    metrics: {
      samplesPerSecond: 8000 / (ms / 1000),
      speedup: 800 / ms,
      efficiency: 800 / ms / workers,
      testAccuracy: 90,
    },
  });

describe('findings', () => {
  it('interpolates a crossing in log2(x) between the measured points around it', () => {
    const found = crossing(
      [
        { x: 1024, y: 1 },
        { x: 4096, y: 1.5 },
        { x: 16384, y: 4 },
      ],
      2,
    );
    assert.deepEqual(found?.between, [4096, 16384]);
    assert.ok(Math.abs((found?.x ?? 0) - 2 ** 12.4) < 1e-6);
    assert.equal(crossing([{ x: 1, y: 1 }], 2), undefined);
  });

  it('computes the payload and task-size break-evens and the training shard size', () => {
    const f = findings([
      study([
        move('clone', 1024, 10),
        move('transfer', 1024, 10),
        move('shared', 1024, 12),
        move('clone', 4096, 15),
        move('transfer', 4096, 10),
        move('clone', 16384, 40),
        move('transfer', 16384, 10),
        okCase({
          workload: 'dispatch',
          strategy: 'weft-throughput',
          parameters: { threads: 2, tasks: 100, pool: 'weft' },
          unit: 'ms',
          samples: [0.2],
          metrics: { tasksPerSecond: 500_000 },
        }),
        okCase({
          workload: 'dispatch',
          strategy: 'weft-latency',
          parameters: { threads: 2, tasks: 100, pool: 'weft' },
          unit: 'us',
          samples: [15],
        }),
        train('main-thread', 1, 800),
        train('data-parallel', 1, 816),
        train('data-parallel', 2, 500),
      ]),
    ]);
    const pools = f.pools;
    assert.ok(pools);
    assert.match(pools.cloneDoubles?.spread ?? '', /between the measured 4 KiB and 16 KiB/);
    assert.equal(pools.cloneDoublesSomewhere.holds, true);
    assert.ok(Math.abs((pools.perTask?.value ?? 0) - 2) < 1e-9);
    assert.equal(pools.forkJoinBreakEven?.value, 30);
    assert.equal(pools.forkJoin90?.value, 270);
    assert.equal(pools.roundTrip?.text, '15 µs');
    assert.equal(pools.train?.perSample.value, 100);
    assert.equal(pools.train?.perStep.value, 1000);
    assert.equal(pools.train?.overheadResolved.holds, true);
    assert.equal(pools.train?.minShard?.value, 10);
    assert.equal(f.isolate?.best?.speedup.value, 1.6);
    assert.equal(f.isolate?.best?.pays.holds, true);
    assert.equal(f.isolate?.accuracy?.same.holds, true);
  });

  it('finds where oversubscription starts to cost, and Weft against model.fit', () => {
    const over = (backend: string, workers: number, threadsPerCore: number, samplesPerSecond: number) =>
      okCase({
        workload: 'oversubscription',
        strategy: workers ? 'data-parallel' : 'main-thread',
        backend,
        parameters: { workers, threadsPerCore },
        unit: 'ms',
        samples: [1],
        metrics: { samplesPerSecond },
      });
    const fit = (strategy: string, samplesPerSecond: number, ratioToModelFit?: number) =>
      okCase({
        workload: 'fit',
        strategy,
        backend: 'tensorflow',
        parameters: { workers: 0 },
        unit: 'ms',
        samples: [1],
        metrics: { samplesPerSecond, ...(ratioToModelFit ? { ratioToModelFit } : {}) },
      });
    const f = findings([
      study([
        over('tensorflow', 0, 0.5, 100),
        over('tensorflow', 1, 1, 150),
        over('tensorflow', 2, 2, 75),
        fit('model-fit', 200),
        fit('weft-pipeline', 180, 0.9),
        fit('weft-pipeline-2', 220, 1.1),
      ]),
    ]).libraryFindings;
    const tf = f.oversubscription?.best.find((b) => b.backend === 'tensorflow');
    assert.equal(tf?.threadsPerCore.value, '1');
    assert.equal(tf?.over?.threadsPerCore, 2);
    assert.equal(tf?.over?.ratio.value, 0.5);
    assert.equal(f.fit?.best?.ratio.value, 1.1);
    assert.equal(f.fit?.modelFit?.value, 200);
    assert.equal(f.backends, undefined);
  });

  it('leaves out what the results do not hold, and lists the library workloads only where present', () => {
    const f = findings([study([move('clone', 1024, 10)])]);
    assert.equal(f.io, undefined);
    assert.equal(f.isolate, undefined);
    assert.equal(f.combine, undefined);
    assert.equal(f.pools?.cloneDoubles, undefined);
    assert.equal(f.pools?.forkJoinBreakEven, undefined);
    assert.deepEqual(
      f.library.map((w) => [w.workload, w.studies.length]),
      [
        ['backends', 0],
        ['oversubscription', 0],
        ['fit', 0],
      ],
    );
    const withFit = findings([
      study([okCase({ workload: 'fit', strategy: 'model-fit', parameters: {}, unit: 'ms', samples: [1] })]),
    ]);
    assert.deepEqual(withFit.library.find((w) => w.workload === 'fit')?.studies, ['test']);
  });
});
