/**
 * @module report/html — the study across runtimes as one self-contained HTML page: per workload a chart (inline
 * SVG: per case, one bar per runtime, scaled to that case's slowest runtime) and the same table as the markdown.
 * No scripts, fonts or network.
 */
import type { MultiRuntimeStudy } from '../model/study.js';
import type { StudyRuntime } from '../model/study.js';
import { backendsPeakChart } from './backends-chart.js';
import { COLOURS, escapeHtml } from './html-text.js';
import { trainStepsCharts } from './train-steps.js';
import { formatNumber } from './format.js';
import { checkTargets, targetText } from './targets.js';
import {
  cellText,
  mergeStudy,
  outcomeText,
  spreadText,
  type MergedCell,
  type MergedRow,
  type MergedTable,
} from './merged.js';
import { X_AXIS_HEIGHT, whiskerSvg, xAxisSvg } from './svg-axis.js';

const BAR = 14;
const GAP = 10;
const LABEL = 330;
const WIDTH = 900;

/**
 * One workload's chart: a group of bars per measured case, one bar per runtime (its median) with its p10–p90 whisker,
 * and an axis in % of the case's longest p90. With one runtime, the cases that share a unit share a scale instead
 * (each case alone would fill its bar).
 */
export function workloadChart(table: MergedTable): string {
  const rows = table.rows.filter((r) => r.cells.some((c) => c.status === 'ok'));
  if (rows.length === 0) return '';
  const single = table.runtimes.length === 1;
  const top = (cells: readonly MergedCell[]) =>
    Math.max(0, ...cells.filter((c) => c.status === 'ok').map((c) => c.p90 ?? (c.median as number)));
  const scaleOf = (r: MergedRow) =>
    single
      ? Math.max(...rows.filter((x) => x.cells[0]?.unit === r.cells[0]?.unit).map((x) => top(x.cells)))
      : top(r.cells);
  const groupHeight = table.runtimes.length * BAR + GAP;
  const height = rows.length * groupHeight + 30 + X_AXIS_HEIGHT;
  const span = WIDTH - LABEL - 150;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y0 = i * groupHeight + 24;
    const max = scaleOf(r);
    const x = (v: number) => LABEL + (max > 0 ? Math.max(0, v / max) * span : 0);
    const title = `${r.strategy}${r.backend === 'none' ? '' : ` · ${r.backend}`}`;
    const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
    const middle = y0 + (table.runtimes.length * BAR) / 2;
    parts.push(
      `<text x="${LABEL - 8}" y="${middle - 2}" text-anchor="end" class="case">${escapeHtml(clip(title, 44))}</text>`,
      `<text x="${LABEL - 8}" y="${middle + 11}" text-anchor="end" class="params"><title>${escapeHtml(r.parameters)}</title>${escapeHtml(clip(r.parameters, 56))}</text>`,
    );
    r.cells.forEach((c, j) => {
      const y = y0 + j * BAR;
      const runtime = table.runtimes[j] as StudyRuntime;
      if (c.status !== 'ok') {
        parts.push(
          `<text x="${LABEL + 4}" y="${y + BAR - 3}" class="na">${escapeHtml(runtime)}: ${escapeHtml(c.status === 'absent' ? 'no such case' : c.status)}</text>`,
        );
        return;
      }
      const w = Math.max(1, x(c.median as number) - LABEL);
      const end = Math.max(LABEL + w, x(c.p90 ?? (c.median as number)));
      parts.push(
        `<rect class="bar" x="${LABEL}" y="${y + 1}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${COLOURS[runtime]}"><title>${escapeHtml(`${runtime}: ${cellText(c)}`)}</title></rect>`,
        whiskerSvg(x(c.p10 ?? (c.median as number)), x(c.p90 ?? (c.median as number)), y + BAR / 2),
        `<text x="${(end + 4).toFixed(1)}" y="${y + BAR - 3}">${escapeHtml(`${formatNumber(c.median as number)} ${c.unit ?? ''}${c.n === undefined ? '' : ` (n=${c.n})`}`)}</text>`,
      );
    });
  });
  const legend = table.runtimes
    .map(
      (rt, i) =>
        `<rect x="${LABEL + i * 110}" y="4" width="12" height="12" fill="${COLOURS[rt]}"/><text x="${LABEL + i * 110 + 16}" y="14">${rt}</text>`,
    )
    .join('');
  const axis = xAxisSvg({
    x: LABEL,
    width: span,
    y: height - X_AXIS_HEIGHT,
    ticks: [0, 25, 50, 75, 100],
    title: single
      ? 'median with p10–p90 whisker, % of the longest p90 among cases of the same unit (lower is better)'
      : "median with p10–p90 whisker, % of the case's longest p90 across runtimes (lower is better)",
    format: (v) => `${v} %`,
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(table.workload)} medians by runtime">${legend}${parts.join('')}${axis}</svg>`;
}

/** A measured cell's sample count and p10–p90 range, in small type under its median. */
function spreadHtml(c: MergedCell): string {
  if (c.n === undefined || c.p10 === undefined || c.p90 === undefined) return '';
  const unit = c.unit ? ` ${escapeHtml(c.unit)}` : '';
  return `<br><small class="spread">n=${c.n}, p10–p90 ${formatNumber(c.p10)}–${formatNumber(c.p90)}${unit}</small>`;
}

/**
 * One workload's merged table as an HTML `<table>`: strategy, backend, parameters, a column per runtime (each median
 * with its n and p10–p90), the spread.
 */
export function tableHtml(table: MergedTable): string {
  const head = ['strategy', 'backend', 'parameters', ...table.runtimes, 'spread']
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('');
  const body = table.rows
    .map((r) => {
      const cells = r.cells
        .map((c) => `<td class="${c.status}">${escapeHtml(cellText(c, 200))}${spreadHtml(c)}</td>`)
        .join('');
      return `<tr><td>${escapeHtml(r.strategy)}</td><td>${escapeHtml(r.backend)}</td><td>${escapeHtml(r.parameters)}</td>${cells}<td>${escapeHtml(spreadText(r))}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The targets checked per runtime, as an HTML `<table>`. */
export function targetsHtml(study: MultiRuntimeStudy): string {
  const { runtimes, rows } = checkTargets(study);
  const head = ['target', ...runtimes].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.target)}</td>${r.cells.map((c) => `<td class="${c.met === false ? 'failed' : ''}">${escapeHtml(targetText(c))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * One workload's section of the report: its heading (unless `heading: false`), the workload's own chart where it has
 * one (backends: GFLOP/s against the fp32 peak), the chart of medians by runtime, the largest spread and the table.
 */
export function workloadSection(
  study: MultiRuntimeStudy,
  t: MergedTable,
  options: { readonly heading?: boolean } = {},
): string {
  const largest = t.largest?.spread
    ? `<p>Largest spread: <b>${escapeHtml(t.largest.strategy)}</b> (${escapeHtml(t.largest.parameters)}): ${t.largest.spread.slowest} takes ${formatNumber(t.largest.spread.ratio)}× as long as ${t.largest.spread.fastest}.</p>`
    : '';
  const peak =
    t.workload === 'backends'
      ? `<p>GFLOP/s as a fraction of the theoretical fp32 peak (longer is better).</p>\n${backendsPeakChart(study)}\n`
      : '';
  const steps = t.workload === 'train' || t.workload === 'fit' ? trainStepsCharts(study, t.workload) : '';
  const heading =
    options.heading === false
      ? ''
      : `<h2>${escapeHtml(t.workload)}${t.question ? ` — ${escapeHtml(t.question)}` : ''}</h2>\n`;
  return `<section>${heading}${peak}${workloadChart(t)}\n${largest}\n${tableHtml(t)}${steps === '' ? '' : `\n${steps}`}</section>`;
}

/**
 * The report's body without the page around it: the runtimes' outcomes, the targets, then per workload its chart,
 * largest spread and table. Pure string work, safe in a browser (the docs site's results explorer renders it).
 */
export function renderStudyBody(study: MultiRuntimeStudy, questions: Readonly<Record<string, string>> = {}): string {
  const outcomes = study.outcomes
    .map(
      (o) =>
        `<tr><td>${o.runtime}</td><td>${escapeHtml(o.status === 'missing' ? '' : (o.version ?? ''))}</td><td class="${o.status}">${escapeHtml(outcomeText(o))}</td></tr>`,
    )
    .join('\n');
  const sections = mergeStudy(study, questions)
    .map((t) => workloadSection(study, t))
    .join('\n');
  return `<p>profile <code>${escapeHtml(study.profile)}</code> · workloads ${escapeHtml(study.workloads.join(', '))} · started ${escapeHtml(study.createdAt)}</p>
<table><thead><tr><th>runtime</th><th>version</th><th>outcome</th></tr></thead><tbody>
${outcomes}
</tbody></table>
<h2>Targets</h2>
${targetsHtml(study)}
<p>Bars are each case's median (lower is better) with its p10–p90 whisker, scaled to the case's longest p90 across runtimes.</p>
${sections}`;
}

/** Renders the study across runtimes as a standalone HTML page (charts as inline SVG). */
export function renderHtml(study: MultiRuntimeStudy, questions: Readonly<Record<string, string>> = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Weft study across runtimes (${escapeHtml(study.profile)})</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
td.failed,td.no-run{color:#b00020}td.skipped,td.missing,td.crashed{color:#8a6d00}svg text{font:12px system-ui,sans-serif;fill:#222}svg text.na{fill:#999}svg text.case{font-weight:600}svg text.params{font-size:10px;fill:#555}svg text.tick{font-size:10px;fill:#555}svg text.axis-title{font-size:11px;fill:#555}
</style></head><body>
<h1>Weft study across runtimes</h1>
${renderStudyBody(study, questions)}
</body></html>
`;
}
