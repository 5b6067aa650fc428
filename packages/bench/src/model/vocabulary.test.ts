import { okCase } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { WORKLOADS } from '../workloads/index.js';
import { LOAD_STRATEGIES } from '../workloads/load.js';
import { BACKEND_OPS } from '../workloads/backends-phases.js';
import {
  STUDY_WORKLOADS,
  VOCABULARY,
  hasMetric,
  hasStrategy,
  isCaseOf,
  metricOf,
  numberParameterOf,
  parameterOf,
  registeredCases,
  vocabularyProblems,
} from './vocabulary.js';

const trainCase = (metrics: Record<string, number>) =>
  okCase({
    workload: 'train',
    strategy: 'data-parallel',
    backend: 'wasm',
    parameters: { workers: 2, exchange: 'copy' },
    unit: 'ms',
    samples: [10],
    metrics,
  });

describe('the study vocabulary', () => {
  it('names every workload the study runs, in the same order, and their strategies from the workloads', () => {
    expect(STUDY_WORKLOADS).toEqual(WORKLOADS.map((w) => w.name));
    expect(VOCABULARY.load.strategies).toEqual(expect.arrayContaining([...LOAD_STRATEGIES]));
    expect(VOCABULARY.backends.strategies).toEqual(expect.arrayContaining([...BACKEND_OPS]));
  });

  it('reads metrics and parameters by their registered names, once a case is known to be of a workload', () => {
    const c = trainCase({ speedup: 1.5 });
    expect(isCaseOf(c, 'fit')).toBe(false);
    if (!isCaseOf(c, 'train')) throw new Error('a train case');
    expect(metricOf(c, 'speedup')).toBe(1.5);
    expect(hasMetric(c, 'speedup')).toBe(true);
    expect(metricOf(c, 'efficiency')).toBeNaN();
    expect(hasMetric(c, 'efficiency')).toBe(false);
    expect(parameterOf(c, 'exchange')).toBe('copy');
    expect(numberParameterOf(c, 'workers')).toBe(2);
    expect(numberParameterOf(c, 'exchange')).toBeNaN();
    expect(hasStrategy(c, 'main-thread', 'data-parallel')).toBe(true);
    expect(hasStrategy(c, 'pytorch')).toBe(false);
    // @ts-expect-error: a metric train does not register is a compile error for every reader.
    expect(metricOf(c, 'gflops')).toBeNaN();
    // @ts-expect-error: so is a strategy of another workload.
    expect(hasStrategy(c, 'weft-fit')).toBe(false);
  });

  it('finds every name a workload does not register, and fails such a case with the list', () => {
    expect(vocabularyProblems(trainCase({ speedup: 1.5, crashRate: 0 }))).toEqual([]);
    expect(vocabularyProblems(trainCase({ speedupp: 1.5 }))).toEqual([
      'train/data-parallel: metric "speedupp" is not registered',
    ]);
    expect(vocabularyProblems({ ...trainCase({}), workload: 'warp' })).toEqual([
      'workload "warp" is not in the vocabulary',
    ]);
    const [good, bad] = registeredCases([trainCase({ speedup: 1.5 }), trainCase({ speedupp: 1.5 })]);
    expect(good?.status).toBe('ok');
    expect(bad).toMatchObject({ workload: 'train', strategy: 'data-parallel', backend: 'wasm', status: 'failed' });
    expect(bad?.reason).toContain('metric "speedupp" is not registered');
  });
});
