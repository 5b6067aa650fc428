import { describe, expect, it } from 'vitest';
import { defineTask, isTransferResult, loadTask, registerTaskModule, taskLabel, withTransfer } from './task.js';

describe('defineTask', () => {
  it('names a task by absolute module URL and export', () => {
    const task = defineTask<number, number>('file:///srv/tasks.js', 'square');
    expect(task).toEqual({ module: 'file:///srv/tasks.js', name: 'square' });
    expect(taskLabel(task)).toBe('tasks.js#square');
  });
  it('accepts a URL object', () => {
    expect(defineTask(new URL('https://example.test/t.js'), 'f').module).toBe('https://example.test/t.js');
  });
  it('rejects a relative module path and an empty name', () => {
    expect(() => defineTask('./tasks.js', 'f')).toThrow(/absolute URL.*import\.meta\.url/);
    expect(() => defineTask('file:///t.js', '')).toThrow(/name must not be empty/);
  });
});

describe('withTransfer', () => {
  it('marks a result with its transfer list', () => {
    const buffer = new ArrayBuffer(8);
    const result = withTransfer({ buffer }, [buffer]);
    expect(isTransferResult(result)).toBe(true);
    expect(isTransferResult({ buffer })).toBe(false);
  });
});

describe('loadTask', () => {
  it('finds an exported function of a module', async () => {
    const fn = await loadTask({ module: new URL('./task.js', import.meta.url).href, name: 'taskLabel' });
    expect(fn).toBe(taskLabel);
  });
  it('rejects a missing export and a missing module with TASK_NOT_FOUND', async () => {
    await expect(loadTask({ module: new URL('./task.js', import.meta.url).href, name: 'nope' })).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });
    await expect(loadTask({ module: new URL('./missing.js', import.meta.url).href, name: 'x' })).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });
  });
});

describe('registerTaskModule', () => {
  it('makes loadTask find the registered exports without importing anything', async () => {
    const tasks = { triple: (n: number) => n * 3 };
    registerTaskModule('bundle:weft-test-tasks', tasks);
    const task = defineTask<number, number>('bundle:weft-test-tasks', 'triple');
    expect(taskLabel(task)).toBe('bundle:weft-test-tasks#triple');
    expect(await loadTask(task)).toBe(tasks.triple);
    await expect(loadTask(defineTask('bundle:weft-test-tasks', 'missing'))).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
      message: 'bundle:weft-test-tasks has no exported function "missing"',
    });
  });

  it('rejects a name without a scheme and exports that are not an object', () => {
    expect(() => registerTaskModule('tasks', {})).toThrow(/task module must be an absolute URL \(got "tasks"\)/);
    expect(() => registerTaskModule('bundle:x', null as never)).toThrow(/needs the module's exports as an object/);
  });
});
