import { describe, expect, it } from 'vitest';
import { runMessageOf } from './pool-message.js';
import { PROTOCOL_VERSION } from './protocol.js';
import type { Job } from './task-queue.js';

const square = { module: 'memory:tasks', name: 'square' };
const cube = { module: 'memory:tasks', name: 'cube' };
const job = (id: number, task: object, transfer: ArrayBuffer[] = []) =>
  ({ id, task, input: id * 10, transfer }) as unknown as Job;

describe('runMessageOf', () => {
  it('names each task once, points every job at its task and gathers every transfer item', () => {
    const a = new ArrayBuffer(4);
    const b = new ArrayBuffer(4);
    const { message, transfer } = runMessageOf([
      job(1, square, [a]),
      job(2, cube),
      job(3, square, [b]),
      job(4, square),
    ]);
    expect(message).toEqual({
      v: PROTOCOL_VERSION,
      type: 'run',
      tasks: [square, cube],
      ids: [1, 2, 3, 4],
      refs: [0, 1, 0, 0],
      inputs: [10, 20, 30, 40],
    });
    expect(transfer).toEqual([a, b]);
    expect(transfer[0]).toBe(a);
  });
});
