import { describe, expect, it } from 'vitest';
import { isWeftError } from '@weft/core';
import { webWorkerExecutor } from './web-worker-executor.js';

describe('webWorkerExecutor in Node (no global Worker)', () => {
  it('rejects with UNSUPPORTED and names the ways out when there is no Worker and no createWorker', () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    let error: unknown;
    try {
      webWorkerExecutor({ size: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain('createWorker');
    expect((error as Error).message).toContain('nodeThreadsExecutor');
  });
});
