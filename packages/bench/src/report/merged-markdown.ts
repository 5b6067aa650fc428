/** @module report/merged-markdown — the study across runtimes as one markdown report: a column per runtime. */
import type { ResultsFile } from '@weft/core/study';
import type { MultiRuntimeStudy } from '../model/study.js';
import { mergedBackendsSection } from './backends.js';
import { mergedFitSection } from './fit.js';
import { mergedOversubscriptionSection } from './oversubscription.js';
import { formatNumber } from './format.js';
import { renderMarkdown } from './markdown.js';
import { resultsOfStudy } from './study-of-results.js';
import { row } from './markdown-row.js';
import { targetsMarkdown } from './targets.js';
import { cellText, mergeStudy, outcomeText, spreadText, type MergedTable } from './merged.js';

/** The machine and the measured packages' versions, from one runtime's results. */
export function hostLine(results: ResultsFile): string {
  const { host } = results;
  const versions = Object.entries(results.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return `Host: ${host.cpuModel}, ${host.cores} cores, ${formatNumber(host.memoryBytes / 2 ** 30)} GiB, ${host.os} ${host.arch}${versions ? ` · ${versions}` : ''}`;
}

/** One workload's table: strategy, backend, parameters, a column per runtime, and the spread. */
export function mergedTableMarkdown(table: MergedTable): string {
  const header = ['strategy', 'backend', 'parameters', ...table.runtimes, 'spread'];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const r of table.rows)
    lines.push(row([r.strategy, r.backend, r.parameters, ...r.cells.map((c) => cellText(c)), spreadText(r)]));
  return lines.join('\n');
}

/**
 * Renders the study across runtimes as markdown: how each runtime's run went (version, status, wall time, or the
 * install command / failure reason), then per workload a table with a column per runtime and the largest spread,
 * and last every runtime's own tables with the sample count, p10–p90 and metrics behind each median.
 */
export function renderMergedMarkdown(
  study: MultiRuntimeStudy,
  questions: Readonly<Record<string, string>> = {},
): string {
  const parts: string[] = [
    `# Weft study across runtimes`,
    '',
    `profile \`${study.profile}\` · workloads ${study.workloads.join(', ')} · started ${study.createdAt}`,
    '',
    row(['runtime', 'version', 'outcome']),
    row(['---', '---', '---']),
  ];
  for (const o of study.outcomes)
    parts.push(row([o.runtime, o.status === 'missing' ? '' : (o.version ?? ''), outcomeText(o)]));
  parts.push('');
  const first = study.outcomes.find((o) => o.status === 'ok');
  if (first?.status === 'ok') parts.push(hostLine(first.results), '');
  parts.push(
    '## Targets',
    '',
    'Best case of each runtime, same-run ratios (the targets are measured, not asserted).',
    '',
    targetsMarkdown(study),
    '',
  );
  parts.push(
    "Cells are the median of each case (lower is better); the spread is the slowest runtime's median over the fastest's.",
    '',
  );
  for (const table of mergeStudy(study, questions)) {
    parts.push(
      `## ${table.workload}${table.question ? ` — ${table.question}` : ''}`,
      '',
      mergedTableMarkdown(table),
      '',
    );
    if (table.largest?.spread) {
      const l = table.largest;
      const spread = l.spread as NonNullable<typeof l.spread>;
      parts.push(
        `Largest spread: **${l.strategy}** (${l.parameters || 'no parameters'}): ${spread.slowest} takes ${formatNumber(spread.ratio)}× as long as ${spread.fastest}.`,
        '',
      );
    }
  }
  parts.push(...mergedBackendsSection(study));
  parts.push(...mergedOversubscriptionSection(study));
  parts.push(...mergedFitSection(study));
  const measured = resultsOfStudy(study);
  if (measured.length > 0) {
    parts.push(
      '# Details per runtime',
      '',
      'Every case with its sample count, p10–p90 and derived metrics.',
      '',
      renderMarkdown(measured, questions),
    );
  }
  return parts.join('\n');
}
