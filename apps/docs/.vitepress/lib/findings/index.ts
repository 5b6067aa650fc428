/**
 * @module findings — the guide's claims, computed from the reference results: each section's numbers, chart series
 * and break-even points, one module per guide section. A finding is `undefined` when the results lack the cases it
 * needs; the page then says so instead of showing a number that is not in the files. Cases are read through the
 * study's typed vocabulary (`@weft/bench/report`): a name no workload produces does not compile. Where a study has
 * committed repeats, the findings are computed from every run and laid over the first ({@link acrossRuns}).
 */
import { primaryStudies, repeatsOf, resultsOf, type ReferenceStudy } from '../reference';
import { NOT_REPEATED, acrossRuns } from '../runs';
import { runLine } from '../stats';
import type { Source } from './chart';
import { combine, type CombineFindings } from './combining';
import { isolate, type IsolateFindings } from './event-loop';
import { io, type IoFindings } from './io';
import { library, type LibraryFindings } from './library';
import { runtimes, type RuntimeFindings } from './runtimes';
import { pools, type PoolFindings } from './worker-pools';

export type { Bar, Point, Series, Source } from './chart';
export type { CombineFindings, IoFindings, IsolateFindings, LibraryFindings, PoolFindings, RuntimeFindings };

/** Every section's findings. */
export interface Findings {
  readonly isolate?: IsolateFindings;
  readonly io?: IoFindings;
  readonly pools?: PoolFindings;
  readonly combine?: CombineFindings;
  readonly runtimes?: RuntimeFindings;
  /** The workloads of "let the library parallelise", by name, with the studies that hold them. */
  readonly library: ReadonlyArray<{ readonly workload: string; readonly studies: readonly string[] }>;
  /** The library workloads' headline numbers, where the reference data holds them. */
  readonly libraryFindings: LibraryFindings;
}

/** The workloads that measure the library's own parallelism. */
export const LIBRARY_WORKLOADS = ['backends', 'oversubscription', 'fit'] as const;

/** The findings of one run of every study. */
function findingsOfRun(studies: readonly ReferenceStudy[]): Findings {
  const nodeStudy = studies.find((s) => resultsOf(s, 'node') !== undefined);
  const node = resultsOf(nodeStudy, 'node');
  const source: Source | undefined =
    nodeStudy && node ? { study: nodeStudy.id, command: nodeStudy.command, run: runLine(node) } : undefined;
  const wide = [...studies].sort((a, b) => b.results.length - a.results.length)[0];
  const i = node && source ? isolate(node, source) : undefined;
  const o = node && source ? io(node, source) : undefined;
  const c = node && source ? combine(node, source) : undefined;
  return {
    ...(i ? { isolate: i } : {}),
    ...(o ? { io: o } : {}),
    ...(node && source ? { pools: pools(node, source) } : {}),
    ...(c ? { combine: c } : {}),
    ...(wide && wide.results.length > 1 ? { runtimes: runtimes(wide) } : {}),
    library: LIBRARY_WORKLOADS.map((workload) => ({
      workload,
      studies: studies
        .filter((s) => s.results.some((r) => r.cases.some((x) => x.workload === workload)))
        .map((s) => s.id),
    })),
    libraryFindings: library(studies),
  };
}

/**
 * Computes the findings: Node's numbers from the first study that ran Node (the first listed in `studies.json` that
 * has Node), the comparison across runtimes from the study with the most runtimes. A study with repeats is read once
 * per run (run k replaces every repeated study by its k-th repeat, or keeps it when it has fewer); the first run's
 * findings carry every run's values.
 */
export function findings(studies: readonly ReferenceStudy[]): Findings {
  const primary = primaryStudies(studies);
  const runs = Math.max(1, ...primary.map((s) => repeatsOf(studies, s).length + 1));
  const variants = Array.from({ length: runs }, (_, k) =>
    primary.map((s) => (k === 0 ? s : (repeatsOf(studies, s)[k - 1] ?? s))),
  );
  const [first, ...others] = variants.map(findingsOfRun) as [Findings, ...Findings[]];
  return acrossRuns(
    first,
    others.map((f) => onlyRepeated(f, first)),
  );
}

/** A section of a later run, or {@link NOT_REPEATED} when it read the same study as the first run (no repeat). */
function repeated<T extends { readonly source: { readonly study: string } }>(
  section: T | undefined,
  base: T | undefined,
): T | undefined | typeof NOT_REPEATED {
  return section && base && section.source.study === base.source.study ? NOT_REPEATED : section;
}

/** A later run's findings, its sections that merely re-read an unrepeated study marked {@link NOT_REPEATED}. */
function onlyRepeated(f: Findings, base: Findings): unknown {
  const lib = f.libraryFindings;
  const baseLib = base.libraryFindings;
  return {
    isolate: repeated(f.isolate, base.isolate),
    io: repeated(f.io, base.io),
    pools: repeated(f.pools, base.pools),
    combine: repeated(f.combine, base.combine),
    runtimes: repeated(f.runtimes, base.runtimes),
    library: f.library,
    libraryFindings: {
      backends: repeated(lib.backends, baseLib.backends),
      oversubscription: repeated(lib.oversubscription, baseLib.oversubscription),
      fit: repeated(lib.fit, baseLib.fit),
    },
  };
}
