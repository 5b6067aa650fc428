import { describe, expect, it } from 'vitest';
import { deserializeError, isWeftError, serializeError, WeftError } from './errors.js';

describe('WeftError', () => {
  it('carries a code, a task and a cause', () => {
    const cause = new Error('root');
    const error = new WeftError('TIMEOUT', 'too slow', { cause, task: 'a.js#b' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'WeftError', code: 'TIMEOUT', task: 'a.js#b', message: 'too slow', cause });
  });
  it('is recognised by name and code, also as plain data (as after crossing a thread)', () => {
    expect(isWeftError(new WeftError('CLOSED', 'x'))).toBe(true);
    expect(isWeftError({ name: 'WeftError', code: 'CLOSED', message: 'x' }, 'CLOSED')).toBe(true);
    expect(isWeftError(new WeftError('CLOSED', 'x'), 'TIMEOUT')).toBe(false);
    expect(isWeftError(new Error('x'))).toBe(false);
    expect(isWeftError(null)).toBe(false);
  });
});

describe('serializeError / deserializeError', () => {
  it('round-trips a WeftError with its code, task, stack and cause', () => {
    const original = new WeftError('DATA_CORRUPT', 'bad shard', { cause: new TypeError('inner'), task: 't.js#decode' });
    const data = structuredClone(serializeError(original));
    const back = deserializeError(data);
    expect(isWeftError(back, 'DATA_CORRUPT')).toBe(true);
    expect(back).toMatchObject({ message: 'bad shard', task: 't.js#decode', stack: original.stack });
    expect((back.cause as Error).name).toBe('TypeError');
    expect((back.cause as Error).message).toBe('inner');
  });
  it('keeps the name and code of other errors', () => {
    const original = Object.assign(new RangeError('out of range'), { code: 'ERR_X' });
    const back = deserializeError(serializeError(original));
    expect(back.name).toBe('RangeError');
    expect((back as Error & { code: string }).code).toBe('ERR_X');
  });
  it('turns thrown non-errors into an error message', () => {
    expect(deserializeError(serializeError('just a string')).message).toBe('just a string');
  });
});
