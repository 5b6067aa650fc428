import { describe, expect, it } from 'vitest';
import { createProgress, formatBar, formatTimeLeft } from './progress.js';

/** A terminal stand-in that records what is written. */
function fakeStream(isTTY: boolean, columns = 100): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    columns,
    written,
    write: (chunk: string) => written.push(chunk) > 0,
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progress', () => {
  it('formats the time left and the bar', () => {
    expect(formatTimeLeft(3)).toBe('~5 s left');
    expect(formatTimeLeft(42)).toBe('~40 s left');
    expect(formatTimeLeft(250)).toBe('~4 min left');
    expect(formatTimeLeft(4200)).toBe('~1 h 10 min left');
    expect(formatBar(0.42, 250, 'node: train: epoch 2/3')).toBe(
      '[████████░░░░░░░░░░░░] 42% ~4 min left · node: train: epoch 2/3',
    );
    expect(formatBar(1.2, 0, 'x')).toBe('[████████████████████] 99% ~5 s left · x');
  });

  it('writes plain lines when the stream is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream, { profile: 'quick', units: [{ workload: 'load' }] });
    progress.update('load: starting');
    progress.done();
    expect(stream.written).toEqual(['… load: starting\n']);
  });

  it('rewrites one bar line on a terminal and clears it when done', () => {
    const stream = fakeStream(true);
    const progress = createProgress(stream, {
      profile: 'quick',
      units: [{ workload: 'load' }, { workload: 'dispatch' }],
    });
    progress.update('load: starting');
    progress.done();
    expect(stream.written[0]).toBe(`\r\u001b[2K[${'░'.repeat(20)}]  0% ~45 s left · load: starting`);
    expect(stream.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('fits the line to the terminal, and takes 80 columns when the terminal reports none', () => {
    const message = `train: ${'x'.repeat(200)}`;
    for (const [columns, width] of [
      [60, 59],
      [0, 79],
    ] as const) {
      const stream = fakeStream(true, columns);
      const progress = createProgress(stream, { profile: 'quick', units: [{ workload: 'train' }] });
      progress.update(message);
      progress.done();
      expect(stream.written[0]!.replace('\r\u001b[2K', '')).toHaveLength(width);
    }
  });
});
