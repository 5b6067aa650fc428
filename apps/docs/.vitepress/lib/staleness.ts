/**
 * @module staleness — whether a committed reference study is older than the code: the names (workloads, their
 * strategies, their metrics) a fresh run of the code produces that the committed results do not hold.
 */

/** The names in some results: `workload`, `workload/strategy` and `workload#metric`. */
export type ResultNames = ReadonlySet<string>;

/** The names of `cases`, as {@link ResultNames}. */
export function resultNames(
  cases: readonly { readonly workload: string; readonly strategy: string; readonly metrics?: object }[],
): Set<string> {
  const names = new Set<string>();
  for (const c of cases) {
    names.add(c.workload);
    names.add(`${c.workload}/${c.strategy}`);
    for (const metric of Object.keys(c.metrics ?? {})) names.add(`${c.workload}#${metric}`);
  }
  return names;
}

/** The names `fresh` (a run of the current code) has and `committed` lacks, sorted: empty when the data is current. */
export function staleNames(fresh: ResultNames, committed: ResultNames): string[] {
  return [...fresh].filter((name) => !committed.has(name)).sort();
}
