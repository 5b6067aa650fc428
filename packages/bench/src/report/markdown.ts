/** @module markdown — a results file as markdown tables: one table per workload, ratios from the same run. */
import type { CaseResult, ResultsFile } from '@weft/core/study';
import { backendsSection } from './backends.js';
import { fitSection } from './fit.js';
import { oversubscriptionSection } from './oversubscription.js';
import { clusterSection } from './cluster.js';
import { trainPoolsSection } from './train-pools.js';
import { trainPytorchSection } from './train-pytorch.js';
import { STEP_METRICS, trainStepsSection } from './train-steps.js';
import { formatNumber, formatParameters } from './format.js';
import { row } from './markdown-row.js';

/** The metric names used by a group of cases, in first-seen order, less those a section of their own shows (a step's phases). */
function metricNames(cases: readonly CaseResult[]): string[] {
  return [...new Set(cases.flatMap((c) => Object.keys(c.metrics)))].filter((m) => !STEP_METRICS.has(m));
}

/** One markdown table for the cases of one workload. */
export function workloadTable(cases: readonly CaseResult[]): string {
  const metrics = metricNames(cases);
  const header = ['strategy', 'backend', 'parameters', 'median', 'p10–p90', 'n', ...metrics, 'status'];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of cases) {
    const s = c.summary;
    lines.push(
      row([
        c.strategy,
        c.backend,
        formatParameters(c.parameters),
        s ? `${formatNumber(s.median)} ${c.unit}` : '',
        s ? `${formatNumber(s.p10)}–${formatNumber(s.p90)}` : '',
        s ? String(s.n) : '0',
        ...metrics.map((m) => (c.metrics[m] === undefined ? '' : formatNumber(c.metrics[m]))),
        c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason ?? ''}`,
      ]),
    );
  }
  return lines.join('\n');
}

/** Where and with what a results file was produced, as a short paragraph. */
export function environmentLine(results: ResultsFile): string {
  const { host, runtime } = results;
  const versions = Object.entries(results.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const memory = `${formatNumber(host.memoryBytes / 2 ** 30)} GiB`;
  return (
    `**${runtime.name} ${runtime.version}** · profile \`${results.profile}\` · ${results.createdAt} · ` +
    `${host.cpuModel}, ${host.cores} cores, ${memory}, ${host.os} ${host.arch}` +
    (versions ? ` · ${versions}` : '')
  );
}

/**
 * Renders results files as markdown: per file, its environment, then one table per workload.
 * `questions` maps a workload name to the question it answers, used as the section title.
 */
export function renderMarkdown(
  files: readonly ResultsFile[],
  questions: Readonly<Record<string, string>> = {},
): string {
  const parts: string[] = [];
  for (const results of files) {
    parts.push(
      `## Results: ${results.runtime.name} (run ${results.runId.slice(0, 8)})`,
      '',
      environmentLine(results),
      '',
    );
    const workloads = [...new Set(results.cases.map((c) => c.workload))];
    for (const name of workloads) {
      const question = questions[name];
      parts.push(
        `### ${name}${question ? ` — ${question}` : ''}`,
        '',
        workloadTable(results.cases.filter((c) => c.workload === name)),
        '',
      );
      parts.push(...backendsSection(results.cases.filter((c) => c.workload === name)));
      parts.push(...oversubscriptionSection(results.cases.filter((c) => c.workload === name)));
      parts.push(...fitSection(results.cases.filter((c) => c.workload === name)));
      parts.push(...trainPoolsSection(results.cases.filter((c) => c.workload === name)));
      parts.push(...trainPytorchSection(results.cases.filter((c) => c.workload === name)));
      parts.push(...trainStepsSection(results.cases.filter((c) => c.workload === name)));
      parts.push(...clusterSection(results.cases.filter((c) => c.workload === name)));
    }
  }
  return parts.join('\n');
}
