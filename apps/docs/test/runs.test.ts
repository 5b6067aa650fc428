// Numbers with their spread, and conclusions across runs: the ranges derived numbers carry, findings laid over
// several runs of one study (a verdict that flips is inconclusive, a ranking whose winner changes is too), and the
// committed reference data read the way the site reads it (three runs of the Node study, every verdict checked
// against each of them, no cost below zero).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { okCase } from '@weft/core/study';
import { loadStudy } from '../data/reference.data';
import { findings } from '../.vitepress/lib/findings';
import type { StudyEntry } from '../.vitepress/lib/reference';
import {
  NOT_REPEATED,
  acrossRuns,
  agreed,
  breakEvenRuns,
  choice,
  outcome,
  verdict,
  type Choice,
  type Verdict,
} from '../.vitepress/lib/runs';
import { difference, ratio, stat, type Stat } from '../.vitepress/lib/stats';
import { studyOf } from './reference.fixture';

const docs = fileURLToPath(new URL('..', import.meta.url));

/** A train case whose epochs took `samples` ms. */
const train = (strategy: string, workers: number, samples: number[]) =>
  okCase({
    workload: 'train',
    strategy,
    backend: 'wasm',
    parameters: { backend: 'wasm', batch: 500, trainSize: 8000, workers, exchange: workers ? 'copy' : 'none' },
    unit: 'ms',
    samples,
    metrics: { speedup: 1, testAccuracy: 90 },
  });

/** Walks a findings object and returns every verdict and ranking in it, with its path. */
function claims(x: unknown, at = ''): Array<[string, Verdict | Choice]> {
  if (typeof x !== 'object' || x === null) return [];
  const o = x as Record<string, unknown>;
  if (o['verdict'] === true || o['choice'] === true) return [[at, o as unknown as Verdict | Choice]];
  return Object.entries(o).flatMap(([k, v]) => claims(v, `${at}.${k}`));
}

/** Walks a findings object and returns every number in it, with its path. */
function stats(x: unknown, at = ''): Array<[string, Stat]> {
  if (typeof x !== 'object' || x === null) return [];
  const o = x as Record<string, unknown>;
  if (typeof o['value'] === 'number' && typeof o['spread'] === 'string') return [[at, o as unknown as Stat]];
  return Object.entries(o).flatMap(([k, v]) => stats(v, `${at}.${k}`));
}

describe('numbers with their spread', () => {
  it('gives a ratio and a difference the range their inputs allow', () => {
    const a = stat(10, 'ms', { n: 5, low: 8, high: 12 });
    const b = stat(5, 'ms', { n: 7, low: 4, high: 6 });
    const r = ratio(a, b);
    assert.deepEqual([r.value, r.low, r.high, r.n], [2, 8 / 6, 3, 5]);
    assert.equal(r.spread, 'n = 5, p10–p90 1.33×–3×');
    const d = difference(a, b, 'ms');
    assert.deepEqual([d.value, d.low, d.high], [5, 2, 8]);
  });

  it('gives a rate the range of the time it is measured from (a slower p90 is a lower rate)', () => {
    const f = findings([
      studyOf('one', [
        okCase({
          workload: 'dispatch',
          strategy: 'weft-throughput',
          parameters: { threads: 2, tasks: 1000, pool: 'weft' },
          unit: 'ms',
          samples: [1, 2, 4],
          metrics: { tasksPerSecond: 500_000 },
        }),
      ]),
    ]);
    const rate = f.pools?.weftRate;
    assert.ok(rate);
    assert.equal(rate.value, 500_000);
    assert.ok(rate.low < rate.value && rate.high > rate.value, `${rate.low} ${rate.high}`);
    assert.equal(rate.n, 3);
  });
});

describe('findings across runs', () => {
  it('states a verdict only when every run agrees, and marks a ranking whose winner changes', () => {
    const resolved = [train('main-thread', 0, [800, 800, 800]), train('data-parallel', 1, [900, 900, 900])];
    const noise = [train('main-thread', 0, [700, 800, 900]), train('data-parallel', 1, [750, 810, 950])];
    const f = findings([
      studyOf('node-quick', resolved),
      studyOf('node-quick-2', resolved, 'node-quick'),
      studyOf('node-quick-3', noise, 'node-quick'),
      studyOf('other', [train('main-thread', 0, [1])]),
    ]);
    const overhead = f.pools?.train?.overheadResolved;
    assert.ok(overhead);
    assert.deepEqual(overhead.runs, [true, true, false]);
    assert.equal(outcome(overhead), 'inconclusive');
    assert.deepEqual(f.pools?.train?.perSample.runs, [100, 100, 100]);
    assert.deepEqual(f.pools?.source.repeats, ['node-quick-2', 'node-quick-3']);
    assert.equal(outcome(verdict(true)), 'holds');
    assert.equal(outcome({ ...verdict(false), runs: [false, false] }), 'fails');
    assert.equal(agreed({ ...choice('wasm'), runs: ['wasm', 'cpu'] }), false);
  });

  it('keeps the numbers of a study without repeats as one run, and counts a number a run lacks as missing', () => {
    const only = { a: stat(1, 'ms', { n: 3, low: 1, high: 1 }) };
    assert.equal(acrossRuns(only, [NOT_REPEATED]).a.runs, undefined);
    assert.deepEqual(acrossRuns(only, [{ a: undefined }]).a.runs, [1, Number.NaN]);
    const f = findings([studyOf('node-quick', [train('main-thread', 0, [800])])]);
    assert.equal(f.isolate?.main.runs, undefined);
  });
});

describe('the committed reference data', () => {
  const entries = JSON.parse(readFileSync(path.join(docs, 'data', 'studies.json'), 'utf8')) as StudyEntry[];
  const studies = entries.map(loadStudy);
  const f = findings(studies);

  it('holds at least three runs of the Node study, from the same command', () => {
    const runs = studies.filter((s) => s.id === 'node-quick' || s.repeatOf === 'node-quick');
    assert.ok(runs.length >= 3, `${runs.length} runs`);
    assert.equal(new Set(runs.map((s) => s.command.replace(/--out \S+/, ''))).size, 1, 'the runs differ in command');
  });

  it('compares every conclusion of the Node sections over every run, and states only those all runs agree on', () => {
    const node = claims({
      isolate: f.isolate,
      io: f.io,
      pools: f.pools,
      combine: f.combine,
      library: f.libraryFindings,
    });
    assert.ok(node.length >= 8, `only ${node.length} verdicts and rankings`);
    for (const [at, s] of stats({ isolate: f.isolate, io: f.io, pools: f.pools }).filter(([, x]) => x.breakEven))
      assert.ok((s.runs?.length ?? 0) >= 3, `the break-even ${at} was not compared over the runs`);
    for (const [at, c] of node) {
      assert.ok((c.runs?.length ?? 0) >= 3, `${at} was not compared over the runs`);
      if ('verdict' in c) {
        const all = c.runs ?? [];
        const expected = all.every(Boolean) ? 'holds' : all.some(Boolean) ? 'inconclusive' : 'fails';
        assert.equal(outcome(c), expected, at);
      }
    }
  });

  it('prints no cost below zero: a per-step overhead is given only where every run resolved it', () => {
    for (const [at, s] of stats(f)) {
      if (!['µs', 'ms', 's'].includes(s.unit) || at.endsWith('.perStep')) continue;
      assert.ok(s.value > 0, `${at} = ${s.text}`);
    }
    const train = f.pools?.train;
    if (train && outcome(train.overheadResolved) === 'holds')
      assert.ok(
        (train.perStep.runs ?? []).every((v) => v > 0),
        'a resolved overhead below 0',
      );
  });
});

describe('break-even points across runs', () => {
  it('agree when the runs lie within 2× of each other, and not otherwise', () => {
    const at = (runs: number[]) => ({ ...stat(runs[0] as number, 'µs', { n: 1, low: 1, high: 1 }), runs });
    assert.deepEqual(breakEvenRuns(at([30, 40, 59])), [true, true, true]);
    assert.deepEqual(breakEvenRuns(at([28, 88, 50])), [false, false, true]);
    assert.deepEqual(breakEvenRuns(at([30, Number.NaN, 40])), [true, false, true]);
  });
});
