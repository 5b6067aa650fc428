/**
 * @module runs — the committed runs of one study side by side: the findings are computed once per run and
 * {@link acrossRuns} lays them over the first run's, so that every number carries the value each run gave and every
 * verdict the answer each run gave. A page states a verdict only when every run agrees ({@link outcome}).
 */
import type { Stat } from './stats';

/** A claim a page makes ("decoding in workers pays"): whether it held in this run, and, across runs, in each. */
export interface Verdict {
  readonly verdict: true;
  readonly holds: boolean;
  readonly runs?: readonly boolean[];
}

/** A verdict from one run. */
export function verdict(holds: boolean): Verdict {
  return { verdict: true, holds };
}

/** A ranking's winner ("the fastest backend is wasm"): this run's, and, across runs, each run's. */
export interface Choice {
  readonly choice: true;
  readonly value: string;
  readonly runs?: readonly string[];
}

/** A winner from one run. */
export function choice(value: string): Choice {
  return { choice: true, value };
}

/** Whether every run picked the same winner. */
export function agreed(c: Choice): boolean {
  return (c.runs ?? [c.value]).every((v) => v === c.value);
}

/** What a page may say of a verdict: it held in every run, failed in every run, or the runs disagree. */
export type Outcome = 'holds' | 'fails' | 'inconclusive';

/** {@link Outcome} of `v` over the runs it was computed in. */
export function outcome(v: Verdict): Outcome {
  const all = v.runs ?? [v.holds];
  if (all.every(Boolean)) return 'holds';
  return all.some(Boolean) ? 'inconclusive' : 'fails';
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isStat = (x: unknown): x is Stat =>
  isObject(x) && typeof x['value'] === 'number' && typeof x['spread'] === 'string';
const isVerdict = (x: unknown): x is Verdict => isObject(x) && x['verdict'] === true;
const isChoice = (x: unknown): x is Choice => isObject(x) && x['choice'] === true;

/** The key that names an element of a findings list (a bar's label, a series' name, a source's name). */
const KEYS = ['label', 'name', 'source', 'backend', 'workload', 'x'] as const;
function keyOf(x: unknown): string | undefined {
  if (!isObject(x)) return undefined;
  for (const k of KEYS) if (typeof x[k] === 'string' || typeof x[k] === 'number') return `${k}=${String(x[k])}`;
  return undefined;
}

/**
 * What a later run has in place of a part that it merely re-read from a study without repeats: that part stays as the
 * first run has it, without `runs` (unlike a part a later run lacks, which counts as missing from that run).
 */
export const NOT_REPEATED: unique symbol = Symbol('not repeated');

function merge(first: unknown, others: readonly unknown[]): unknown {
  if (others.every((o) => o === NOT_REPEATED)) return first;
  if (isStat(first)) return { ...first, runs: [first.value, ...others.map((o) => (isStat(o) ? o.value : Number.NaN))] };
  if (isVerdict(first)) return { ...first, runs: [first.holds, ...others.map((o) => isVerdict(o) && o.holds)] };
  if (isChoice(first)) return { ...first, runs: [first.value, ...others.map((o) => (isChoice(o) ? o.value : ''))] };
  if (Array.isArray(first))
    return first.map((item, i) => {
      const key = keyOf(item);
      return merge(
        item,
        others.map((o) =>
          o === NOT_REPEATED
            ? o
            : Array.isArray(o)
              ? key === undefined
                ? o[i]
                : o.find((x) => keyOf(x) === key)
              : undefined,
        ),
      );
    });
  if (isObject(first)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(first))
      out[k] = merge(
        v,
        others.map((o) => (o === NOT_REPEATED ? o : isObject(o) ? o[k] : undefined)),
      );
    // A section's source names the other runs its numbers were compared with.
    if (typeof first['study'] === 'string' && typeof first['command'] === 'string') {
      const repeats = others.flatMap((o) =>
        isObject(o) && typeof o['study'] === 'string' && o['study'] !== first['study'] ? [o['study']] : [],
      );
      if (repeats.length) out['repeats'] = repeats;
    }
    return out;
  }
  return first;
}

/**
 * The first run's findings, each {@link Stat} given `runs` (its value in every run, NaN where a run lacks it), each
 * {@link Verdict} its answer in every run (false where a run lacks it) and each {@link Choice} each run's winner
 * (`''` where a run lacks it). Lists are matched by their elements' label, name, source, backend or x, else by
 * position. A part that every other run marks {@link NOT_REPEATED} is kept as it is.
 */
export function acrossRuns<T>(first: T, others: readonly unknown[]): T {
  return others.length === 0 ? first : (merge(first, others) as T);
}

/** The values of a {@link Stat} over the runs that have it, as text: `3 runs: 1.2–1.9 ms`. */
export function runRange(s: Stat, format: (value: number) => string): string | undefined {
  const values = (s.runs ?? []).filter(Number.isFinite);
  if ((s.runs ?? []).length < 2) return undefined;
  const of = values.length === s.runs?.length ? `${values.length} runs` : `${values.length} of ${s.runs?.length} runs`;
  return `${of}: ${format(Math.min(...values))}–${format(Math.max(...values))}`;
}

/** How far apart the committed runs' values of a break-even point may lie and still agree: a factor of 2. */
export const BREAK_EVEN_AGREEMENT = 2;

/**
 * Per committed run, whether its value of the break-even point `s` agrees with the others: it lies within
 * {@link BREAK_EVEN_AGREEMENT}× of the smallest and of the largest (a run without the point disagrees). Every run
 * agrees exactly when the largest is at most twice the smallest.
 */
export function breakEvenRuns(s: Stat): boolean[] {
  const runs = s.runs ?? [s.value];
  const values = runs.filter((v) => Number.isFinite(v) && v > 0);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return runs.map(
    (v) => Number.isFinite(v) && v > 0 && v <= low * BREAK_EVEN_AGREEMENT && v * BREAK_EVEN_AGREEMENT >= high,
  );
}
