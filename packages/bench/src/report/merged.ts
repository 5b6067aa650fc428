/**
 * @module report/merged — the study across runtimes as comparable tables: one per workload, a row per case, a
 * column per runtime, and the spread between runtimes. The markdown and HTML reports both render this model.
 */
import type { CaseResult } from '@weft/core/study';
import type { MultiRuntimeStudy, RuntimeOutcome } from '../model/study.js';
import type { StudyRuntime } from '../model/study.js';
import { formatNumber, formatParameters } from './format.js';

/** One runtime's entry for one case. */
export interface MergedCell {
  /**
   * `ok`: measured; `skipped`/`failed`/`crashed`: the case's own status (a crashed case keeps the median of the
   * repeats that completed, when any did); `absent`: the runtime ran but has no such case; `no-run`: it did not run.
   */
  readonly status: 'ok' | 'skipped' | 'failed' | 'crashed' | 'absent' | 'no-run';
  readonly median?: number;
  /** The sample count and p10–p90 range behind {@link MergedCell.median}, when it has one. */
  readonly n?: number;
  readonly p10?: number;
  readonly p90?: number;
  readonly unit?: string;
  /** The case's headline ratio (speed-up, ratio to the best peer or to the floor), when it has one. */
  readonly ratio?: { readonly name: string; readonly value: number };
  readonly reason?: string;
}

/** One case (strategy, backend, parameters) across runtimes. */
export interface MergedRow {
  readonly strategy: string;
  readonly backend: string;
  readonly parameters: string;
  /** One cell per runtime, in {@link MergedTable.runtimes} order. */
  readonly cells: readonly MergedCell[];
  /** Slowest median / fastest median among the runtimes that measured it (same unit), when at least two did. */
  readonly spread?: { readonly ratio: number; readonly fastest: StudyRuntime; readonly slowest: StudyRuntime };
}

/** One workload across runtimes. */
export interface MergedTable {
  readonly workload: string;
  readonly question?: string;
  readonly runtimes: readonly StudyRuntime[];
  readonly rows: readonly MergedRow[];
  /** The row with the largest spread. */
  readonly largest?: MergedRow;
}

/** Metrics shown next to a median, first found wins. */
const HEADLINE_RATIOS = ['speedup', 'ratioToBestPeer', 'ratioToFloor'] as const;

const summaryOf = (s: NonNullable<CaseResult['summary']>) => ({ median: s.median, n: s.n, p10: s.p10, p90: s.p90 });

function cellOf(c: CaseResult | undefined, outcome: RuntimeOutcome): MergedCell {
  if (outcome.status !== 'ok') return { status: 'no-run', reason: outcome.status };
  if (c === undefined) return { status: 'absent' };
  if (c.status === 'crashed')
    return {
      status: 'crashed',
      reason: c.reason ?? '',
      ...(c.summary === null ? {} : { ...summaryOf(c.summary), unit: c.unit }),
    };
  if (c.status !== 'ok' || c.summary === null)
    return { status: c.status === 'ok' ? 'failed' : c.status, reason: c.reason ?? '' };
  // A main-thread run's speed-up over itself (1) says nothing: leave it out.
  const name = HEADLINE_RATIOS.find(
    (m) => c.metrics[m] !== undefined && !(m === 'speedup' && c.strategy === 'main-thread'),
  );
  return {
    status: 'ok',
    ...summaryOf(c.summary),
    unit: c.unit,
    ...(name === undefined ? {} : { ratio: { name, value: c.metrics[name] as number } }),
  };
}

/** Lower is better for every unit the workloads record (ms, us): the spread is slowest / fastest. */
function spreadOf(cells: readonly MergedCell[], runtimes: readonly StudyRuntime[]): MergedRow['spread'] {
  const measured = cells
    .map((cell, i) => ({ cell, runtime: runtimes[i] as StudyRuntime }))
    .filter((x) => x.cell.status === 'ok' && (x.cell.median ?? 0) > 0);
  if (measured.length < 2 || new Set(measured.map((x) => x.cell.unit)).size !== 1) return undefined;
  measured.sort((a, b) => (a.cell.median as number) - (b.cell.median as number));
  const fastest = measured[0] as (typeof measured)[number];
  const slowest = measured[measured.length - 1] as (typeof measured)[number];
  return {
    ratio: (slowest.cell.median as number) / (fastest.cell.median as number),
    fastest: fastest.runtime,
    slowest: slowest.runtime,
  };
}

const keyOf = (c: CaseResult): string => `${c.strategy}\u0000${c.backend}\u0000${formatParameters(c.parameters)}`;

/** Builds one table per workload (in first-seen order) from the outcomes of a study across runtimes. */
export function mergeStudy(study: MultiRuntimeStudy, questions: Readonly<Record<string, string>> = {}): MergedTable[] {
  const runtimes = study.outcomes.map((o) => o.runtime);
  const byRuntime = study.outcomes.map((o) => (o.status === 'ok' ? o.results.cases : []));
  const workloads = [...new Set([...study.workloads, ...byRuntime.flat().map((c) => c.workload)])].filter((w) =>
    byRuntime.some((cases) => cases.some((c) => c.workload === w)),
  );
  return workloads.map((workload) => {
    const keys: string[] = [];
    const first = new Map<string, CaseResult>();
    for (const cases of byRuntime) {
      for (const c of cases.filter((x) => x.workload === workload)) {
        const key = keyOf(c);
        if (!first.has(key)) {
          keys.push(key);
          first.set(key, c);
        }
      }
    }
    const rows: MergedRow[] = keys.map((key) => {
      const c = first.get(key) as CaseResult;
      const cells = study.outcomes.map((outcome, i) =>
        cellOf(
          (byRuntime[i] as readonly CaseResult[]).find((x) => x.workload === workload && keyOf(x) === key),
          outcome,
        ),
      );
      const spread = spreadOf(cells, runtimes);
      return {
        strategy: c.strategy,
        backend: c.backend,
        parameters: formatParameters(c.parameters),
        cells,
        ...(spread ? { spread } : {}),
      };
    });
    const largest = rows.filter((r) => r.spread).sort((a, b) => (b.spread?.ratio ?? 0) - (a.spread?.ratio ?? 0))[0];
    return {
      workload,
      ...(questions[workload] ? { question: questions[workload] } : {}),
      runtimes,
      rows,
      ...(largest ? { largest } : {}),
    };
  });
}

/**
 * A cell as text: `11.2 ms (speedup 1.83)`, `skipped: <reason>`, `failed: <reason>`, `crashed: <reason>` (after the
 * median of the completed repeats, when any), `—` (no such case), or `not run`.
 */
export function cellText(cell: MergedCell, maxReason = 90): string {
  const short = (text: string) => (text.length > maxReason ? `${text.slice(0, maxReason - 1)}…` : text);
  switch (cell.status) {
    case 'ok':
      return `${formatNumber(cell.median as number)} ${cell.unit}${cell.ratio ? ` (${cell.ratio.name} ${formatNumber(cell.ratio.value)})` : ''}`;
    case 'skipped':
    case 'failed':
      return `${cell.status}: ${short(cell.reason ?? '')}`;
    case 'crashed':
      return `${cell.median === undefined ? '' : `${formatNumber(cell.median)} ${cell.unit}, `}crashed: ${short(cell.reason ?? '')}`;
    case 'absent':
      return '—';
    case 'no-run':
      return `not run (${cell.reason ?? ''})`;
  }
}

/** The spread as text: `1.8× (fastest bun, slowest deno)`. */
export function spreadText(row: MergedRow): string {
  return row.spread
    ? `${formatNumber(row.spread.ratio)}× (fastest ${row.spread.fastest}, slowest ${row.spread.slowest})`
    : '';
}

/**
 * How one runtime's run went, one line: `ok in 41 s, 30 cases (28 ok, 2 skipped)`, or the reason it did not. A wall
 * time of 0 is unknown (a results file reported without its study's manifest) and left out: `ok, 30 cases (…)`.
 */
export function outcomeText(outcome: RuntimeOutcome): string {
  if (outcome.status !== 'ok') return `${outcome.status}: ${outcome.reason}`;
  const took = outcome.wallMs > 0 ? ` in ${formatNumber(outcome.wallMs / 1000)} s` : '';
  const cases = outcome.results.cases;
  const count = (s: string) => cases.filter((c) => c.status === s).length;
  const parts = [
    `${count('ok')} ok`,
    ...(['skipped', 'crashed', 'failed'] as const).flatMap((s) => (count(s) ? [`${count(s)} ${s}`] : [])),
  ];
  return `ok${took}, ${cases.length} cases (${parts.join(', ')})`;
}
