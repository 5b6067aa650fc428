import { describe, expect, it } from 'vitest';
import { isWeftError } from './errors.js';
import { checkNotImportingTask, markWorkerRealm, trackTaskImport } from './worker-realm.js';

describe('worker realm marks', () => {
  it('are inert outside a Weft worker', () => {
    trackTaskImport('file:///outside.js', new Promise(() => undefined));
    expect(() => checkNotImportingTask()).not.toThrow();
  });

  it('refuse a pool while a worker imports a task module, and only until the import settles', async () => {
    markWorkerRealm();
    let finish: (value: unknown) => void = () => undefined;
    const loading = new Promise((resolve) => (finish = resolve));
    trackTaskImport('file:///page-bundle.js', loading);
    let error: unknown;
    try {
      checkNotImportingTask();
    } catch (e) {
      error = e;
    }
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain('while a worker imported the task module file:///page-bundle.js');
    finish(undefined);
    await loading;
    await Promise.resolve();
    expect(() => checkNotImportingTask()).not.toThrow();
  });
});
