import { describe, expect, it } from 'vitest';
import * as adapter from './adapter.js';
import * as main from './index.js';
import * as study from './study.js';

describe('entry points', () => {
  it('shows users no adapter or study pieces: each value has one entry point', () => {
    const names = [...Object.keys(main), ...Object.keys(adapter), ...Object.keys(study)];
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      'createWorkerPool',
      'createWorkerLoop',
      'PROTOCOL_VERSION',
      'guardRun',
      'serializeError',
      'checkPositiveInteger',
      'platform',
    ]) {
      expect(Object.keys(main)).not.toContain(name);
      expect(Object.keys(adapter)).toContain(name);
    }
    for (const name of ['summarize', 'validateResults', 'okCase', 'createPrng', 'RESULTS_SCHEMA_VERSION']) {
      expect(Object.keys(main)).not.toContain(name);
      expect(Object.keys(study)).toContain(name);
    }
  });

  it('gives users the executors, tasks, loader and training from the main entry', () => {
    for (const name of [
      'defineTask',
      'withTransfer',
      'inlineExecutor',
      'concurrentExecutor',
      'createLoader',
      'memorySource',
      'createDataParallelTrainer',
      'fitModel',
      'WeftError',
      'isWeftError',
    ]) {
      expect(typeof (main as Record<string, unknown>)[name]).not.toBe('undefined');
    }
  });
});
