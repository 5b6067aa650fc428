/**
 * @module stats — a number as the site shows it: the value, its unit and where it came from (sample count and
 * p10–p90 range), so that every claim on a page carries its context. Derived numbers (rates, ratios, differences,
 * break-even points) carry the range that follows from the p10–p90 of the medians they are computed from, and
 * {@link acrossRuns} adds the value each committed run gave.
 */
import {
  casesOfWorkload,
  formatBytes,
  formatNumber,
  recordedMetric,
  type CaseOf as VocabularyCase,
  type MetricOf,
  type StudyWorkload,
} from '@weft/bench/report';
import type { SlimCase, SlimResults } from './reference';

/** A case of workload `W` as the site holds it (samples dropped); read it with the vocabulary's readers. */
export type CaseOf<W extends StudyWorkload> = VocabularyCase<W, SlimCase>;

/** The median of `c`'s samples, or NaN when it has none. */
export function median(c: SlimCase | undefined): number {
  return c?.summary?.median ?? Number.NaN;
}

/**
 * A number ready to print. `text` is value and unit; `spread` says what stands behind it: the samples (`n`) and the
 * p10–p90 range (`low`–`high`), which for a derived number is the range its inputs' p10–p90 allow. `runs` is the value
 * in each committed run of the study, when there are several (the first is this value).
 */
export interface Stat {
  readonly value: number;
  readonly unit: string;
  readonly text: string;
  readonly n: number;
  readonly low: number;
  readonly high: number;
  readonly spread: string;
  readonly bytes?: boolean;
  /** A break-even point (a conclusion): stated only when the committed runs agree on it ({@link breakEvenRuns}). */
  readonly breakEven?: boolean;
  readonly runs?: readonly number[];
}

/** Units as the results files write them (`us`), as a reader expects them (`µs`). */
const displayUnit = (unit: string): string => (unit === 'us' ? 'µs' : unit);

/** `value` with `unit` as the site writes it: `1.5×`, `40 %`, `12 µs`, or bytes as `64 KiB`. */
export function withUnit(value: number, unit: string, bytes = false): string {
  if (bytes) return formatBytes(value >= 1024 ? Math.round(value / 1024) * 1024 : Math.round(value));
  if (unit === '') return formatNumber(value);
  return unit === '×' || unit === '%' ? `${formatNumber(value)}${unit}` : `${formatNumber(value)} ${unit}`;
}

/**
 * A number from `n` samples whose p10–p90 range is `low`–`high`; `spread` replaces the default description (a
 * break-even interpolated between two measured points says so).
 */
export function stat(
  value: number,
  rawUnit: string,
  range: { n: number; low: number; high: number; spread?: string; bytes?: boolean },
): Stat {
  const unit = displayUnit(rawUnit);
  const bytes = range.bytes ?? false;
  const low = Math.min(range.low, range.high);
  const high = Math.max(range.low, range.high);
  return {
    value,
    unit,
    text: withUnit(value, unit, bytes),
    n: range.n,
    low,
    high,
    spread: range.spread ?? `n = ${range.n}, p10–p90 ${withUnit(low, unit, bytes)}–${withUnit(high, unit, bytes)}`,
    ...(bytes ? { bytes } : {}),
  };
}

/** A case's median with its sample count and p10–p90 range. */
export function medianOf(c: SlimCase): Stat {
  const s = c.summary;
  if (s === null) throw new Error(`case ${c.workload}/${c.strategy} has no summary`);
  return stat(s.median, c.unit ?? '', { n: s.n, low: s.p10, high: s.p90 });
}

/**
 * A metric that is a rate of `c`'s measured time (tasks/s, samples/s, shards/s, GFLOP/s, or a rate over a fixed
 * ideal): it scales as 1 ÷ the time, so its p10–p90 range is the metric × median ÷ p90 to × median ÷ p10.
 */
export function rateOf<W extends StudyWorkload>(c: CaseOf<W>, name: MetricOf<W>, unit: string, scale = 1): Stat {
  const value = (recordedMetric(c, name) ?? Number.NaN) * scale;
  const s = c.summary;
  if (s === null) throw new Error(`case ${c.workload}/${c.strategy} has no summary`);
  return stat(value, unit, { n: s.n, low: (value * s.median) / s.p90, high: (value * s.median) / s.p10 });
}

/** `a` ÷ `b`, its range from `a`'s and `b`'s: lowest `a` over highest `b` to highest over lowest. */
export function ratio(a: Stat, b: Stat, unit = '×'): Stat {
  return stat(a.value / b.value, unit, { n: Math.min(a.n, b.n), low: a.low / b.high, high: a.high / b.low });
}

/** `s` marked as a break-even point: a page states it only when the committed runs agree on it. */
export function breakEven(s: Stat): Stat {
  return { ...s, breakEven: true };
}

/** `s` × `k` (k > 0) in `unit`. */
export function scaled(s: Stat, k: number, unit: string): Stat {
  return stat(s.value * k, unit, { n: s.n, low: s.low * k, high: s.high * k });
}

/** `a` − `b`: its range runs from `a`'s low minus `b`'s high to `a`'s high minus `b`'s low. */
export function difference(a: Stat, b: Stat, unit: string): Stat {
  return stat(a.value - b.value, unit, { n: Math.min(a.n, b.n), low: a.low - b.high, high: a.high - b.low });
}

/** `{ [key]: value }`, or nothing when `value` is undefined: for spreading optional fields into an object. */
export const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** The measured cases of one workload, optionally filtered. */
export function casesOf<W extends StudyWorkload>(
  file: SlimResults | undefined,
  workload: W,
  where: (c: CaseOf<W>) => boolean = () => true,
): CaseOf<W>[] {
  return casesOfWorkload(file?.cases ?? [], workload).filter(
    (c) => c.status === 'ok' && c.summary !== null && where(c),
  );
}

/** One runtime's run as a line: `node 20.20.2 on 2 cores (AMD EPYC), Linux 6.1, x64; tfjs-core 4.22.0, …`. */
export function runLine(file: SlimResults): string {
  const h = file.host;
  const versions = Object.entries(file.versions)
    .filter(([name]) => !name.startsWith('@weft/'))
    .map(([name, version]) => `${name.replace('@tensorflow/', '')} ${version}`)
    .join(', ');
  return `${file.runtime.name} ${file.runtime.version} on ${h.cores} cores (${h.cpuModel}), ${h.os}, ${h.arch}; profile ${file.profile}; ${versions}; run ${file.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Where a rising series first reaches `target`, interpolated linearly in log2(x) between the two measured points
 * around the crossing. Undefined when it never reaches it; the first x when it starts above it.
 */
export function crossing(
  points: ReadonlyArray<{ x: number; y: number }>,
  target: number,
): { x: number; between: [number, number] } | undefined {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i += 1) {
    const p = sorted[i] as { x: number; y: number };
    if (p.y < target) continue;
    if (i === 0) return { x: p.x, between: [p.x, p.x] };
    const q = sorted[i - 1] as { x: number; y: number };
    const f = (target - q.y) / (p.y - q.y);
    return { x: 2 ** (Math.log2(q.x) + f * (Math.log2(p.x) - Math.log2(q.x))), between: [q.x, p.x] };
  }
  return undefined;
}
