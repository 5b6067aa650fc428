/**
 * VitePress data loader: each workload's name and question, from the built `@weft/bench`'s workload list (the same
 * list the `weft` command and its reports use), so the site titles results the way `report.html` does.
 * `@weft/bench` does not export that list; the docs, a workspace neighbour, read its built module directly.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineLoader } from 'vitepress';

/** Question per workload name, in the order the bench lists the workloads. */
export type WorkloadQuestions = Readonly<Record<string, string>>;

declare const data: WorkloadQuestions;
export { data };

export default defineLoader({
  async load(): Promise<WorkloadQuestions> {
    const bench = path.dirname(createRequire(import.meta.url).resolve('@weft/bench/package.json'));
    const { WORKLOADS } = (await import(pathToFileURL(path.join(bench, 'dist', 'workloads', 'index.js')).href)) as {
      WORKLOADS: ReadonlyArray<{ name: string; question: string }>;
    };
    return Object.fromEntries(WORKLOADS.map((w) => [w.name, w.question]));
  },
});
