import { describe, expectTypeOf, it } from 'vitest';
import type { ExecutorCapabilities, ExecutorKind } from './executor.js';

describe('ExecutorCapabilities.kind', () => {
  it('takes the kinds Weft reports and any kind of an executor of your own', () => {
    expectTypeOf<'threads' | 'processes' | 'web-workers' | 'inline' | 'concurrent'>().toExtend<ExecutorKind>();
    expectTypeOf<'cluster'>().toExtend<ExecutorCapabilities['kind']>();
  });
});
