/**
 * @module stats — a number as the site shows it: the value, its unit and where it came from (runtime, sample count,
 * spread), so that every claim on a page carries its context.
 */
import {
  casesOfWorkload,
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

/** A number ready to print: `text` is value and unit, `detail` the samples and spread behind it when it is a median. */
export interface Stat {
  readonly value: number;
  readonly unit: string;
  readonly text: string;
  readonly detail?: string;
}

/** Units as the results files write them (`us`), as a reader expects them (`µs`). */
const displayUnit = (unit: string): string => (unit === 'us' ? 'µs' : unit);

/** A derived number (ratio, break-even) with its unit. */
export function stat(value: number, rawUnit = ''): Stat {
  const unit = displayUnit(rawUnit);
  return {
    value,
    unit,
    text:
      unit === ''
        ? formatNumber(value)
        : unit === '×' || unit === '%'
          ? `${formatNumber(value)}${unit}`
          : `${formatNumber(value)} ${unit}`,
  };
}

/** A case's median with its sample count and p10–p90 range. */
export function medianOf(c: SlimCase): Stat {
  const s = c.summary;
  if (s === null) throw new Error(`case ${c.workload}/${c.strategy} has no summary`);
  return {
    ...stat(s.median, c.unit),
    detail: `median of ${s.n}, p10–p90 ${formatNumber(s.p10)}–${formatNumber(s.p90)} ${displayUnit(c.unit)}`,
  };
}

/** A metric of a case (tasks/s, speed-up, shards/s) with its unit, when the case recorded it. */
export function metricStat<W extends StudyWorkload>(c: CaseOf<W>, name: MetricOf<W>, unit = ''): Stat | undefined {
  const value = recordedMetric(c, name);
  return value === undefined ? undefined : stat(value, unit);
}

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
