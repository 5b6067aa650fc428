/**
 * @module report/train-steps — where a training step's time goes (`train`, and `fit`'s Weft pipeline): per configuration, the mean step taken apart into
 * the slowest part's kernels (forward, backward) and read-backs, the rest of the part, and the coordinator's phases
 * (preparing inputs, dispatch and waiting, combining, the optimiser), with Weft's own overhead (everything that is
 * not a kernel) as a share of the step. A markdown table per runtime and a stacked-bar chart (inline SVG) per
 * runtime for the HTML report. Browser-safe.
 */
import { STEP_PHASES, type StepPhase } from '@weft/core';
import type { CaseResult } from '@weft/core/study';
import type { MultiRuntimeStudy } from '../model/study.js';
import {
  casesOfWorkload,
  hasMetric,
  hasStrategy,
  isCaseOf,
  parameterOf,
  recordedMetric,
  type CaseOf,
} from '../model/vocabulary.js';
import { fitConfigurationText } from './fit.js';
import { formatNumber } from './format.js';
import { escapeHtml } from './html-text.js';
import { X_AXIS_HEIGHT, niceTicks, whiskerSvg, xAxisSvg } from './svg-axis.js';
import { row } from './markdown-row.js';

/** The phases a step is made of, in the order they stack, with their labels and colours (kernels green). */
const STACK: ReadonlyArray<{
  readonly phase: Exclude<StepPhase, 'stepMs'>;
  readonly label: string;
  readonly colour: string;
}> = [
  { phase: 'forwardMs', label: 'forward kernels', colour: '#2e7d32' },
  { phase: 'backwardMs', label: 'backward kernels', colour: '#66bb6a' },
  { phase: 'readbackMs', label: 'read-backs', colour: '#f9a825' },
  { phase: 'partOtherMs', label: 'rest of the part', colour: '#ffcc80' },
  { phase: 'prepareMs', label: 'prepare inputs', colour: '#90a4ae' },
  { phase: 'dispatchMs', label: 'dispatch and waiting', colour: '#5c6bc0' },
  { phase: 'combineMs', label: 'combine', colour: '#ab47bc' },
  { phase: 'optimiserMs', label: 'optimiser', colour: '#d32f2f' },
];

/** A case of a workload that takes its training steps apart. */
type StepCase = CaseOf<'train'> | CaseOf<'fit'>;

/** The `train` and `fit` cases that took their steps apart. */
function timedCases(cases: readonly CaseResult[]): StepCase[] {
  return [...casesOfWorkload(cases, 'train'), ...casesOfWorkload(cases, 'fit')].filter(
    (c) => c.status === 'ok' && hasMetric(c, 'stepMs'),
  );
}

/** `mlp, batch 128, wasm, 2 worker-threads, shared`, `mlp, batch 128, tensorflow main thread`, or a `fit` configuration. */
export function stepCaseText(c: StepCase): string {
  if (isCaseOf(c, 'fit')) return fitConfigurationText(c);
  const where = hasStrategy(c, 'main-thread')
    ? `${c.backend} main thread`
    : `${c.backend}, ${String(parameterOf(c, 'workers'))} ${String(parameterOf(c, 'pool') ?? 'workers')}, ${String(parameterOf(c, 'exchange'))}`;
  return `${String(parameterOf(c, 'model') ?? 'mlp')}, batch ${String(parameterOf(c, 'batch'))}, ${where}`;
}

/** One runtime's "Where a step goes" table (markdown lines), or none when no case took its steps apart. */
export function trainStepsSection(cases: readonly CaseResult[]): string[] {
  const timed = timedCases(cases);
  if (timed.length === 0) return [];
  const header = ['configuration', 'step ms', ...STACK.map((s) => s.label), 'Weft overhead'];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of timed) {
    const ms = (p: StepPhase) => formatNumber(c.metrics[p] ?? 0);
    lines.push(
      row([
        stepCaseText(c),
        ms('stepMs'),
        ...STACK.map((s) => ms(s.phase)),
        `${formatNumber((recordedMetric(c, 'overheadShare') ?? 0) * 100)} %`,
      ]),
    );
  }
  return [
    '#### Where a step goes',
    '',
    "Mean ms per step over the timed epochs: the slowest part's kernels and read-backs as it measured them, and the coordinator's phases. " +
      'Weft overhead is everything that is not a forward or backward kernel, as a share of the step.',
    '',
    ...lines,
    '',
  ];
}

const WIDTH = 900;
const LABEL = 330;
const BAR = 16;
const GAP = 8;

/** The stacked-bar chart of one runtime's timed cases of `workload` (`train` or `fit`), or '' without any. */
export function trainStepsChart(cases: readonly CaseResult[], runtime: string, workload = 'train'): string {
  const timed = timedCases(cases).filter((c) => c.workload === workload);
  if (timed.length === 0) return '';
  /** A case's step time at its epochs' p90 (the whisker's end). */
  const reach = (c: StepCase) => {
    const s = c.summary;
    const step = recordedMetric(c, 'stepMs') as number;
    return s !== null && s.median > 0 ? (step * Math.max(s.p90, s.median)) / s.median : step;
  };
  const longest = Math.max(...timed.map(reach));
  const span = WIDTH - LABEL - 80;
  const legendHeight = 2 * 16 + 8;
  const height = legendHeight + timed.length * (BAR + GAP) + 10 + X_AXIS_HEIGHT;
  const ticks = niceTicks(longest);
  const full = ticks[ticks.length - 1] ?? longest;
  const parts: string[] = STACK.map((s, i) => {
    const [x, y] = [LABEL + (i % 4) * 140, 4 + Math.floor(i / 4) * 16];
    return `<rect x="${x}" y="${y}" width="12" height="12" fill="${s.colour}"/><text x="${x + 16}" y="${y + 10}">${escapeHtml(s.label)}</text>`;
  });
  timed.forEach((c, i) => {
    const y = legendHeight + i * (BAR + GAP);
    parts.push(
      `<text x="${LABEL - 8}" y="${y + BAR - 4}" text-anchor="end" class="case">${escapeHtml(stepCaseText(c))}</text>`,
    );
    let x = LABEL;
    for (const s of STACK) {
      const ms = c.metrics[s.phase] ?? 0;
      const w = (ms / full) * span;
      if (w <= 0) continue;
      parts.push(
        `<rect class="segment" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${s.colour}"><title>${escapeHtml(`${s.label}: ${formatNumber(ms)} ms`)}</title></rect>`,
      );
      x += w;
    }
    // The step's p10–p90, from the epochs' (a step is an epoch's time over its steps).
    const step = recordedMetric(c, 'stepMs') ?? 0;
    const s = c.summary;
    const at = (ms: number) => LABEL + (ms / full) * span;
    if (s !== null && s.median > 0)
      parts.push(whiskerSvg(at((step * s.p10) / s.median), at((step * s.p90) / s.median), y + BAR / 2));
    x = Math.max(x, s !== null && s.median > 0 ? at((step * s.p90) / s.median) : x);
    const overhead = `${formatNumber(recordedMetric(c, 'stepMs') ?? 0)} ms · ${formatNumber((recordedMetric(c, 'overheadShare') ?? 0) * 100)} % Weft (n=${String(c.summary?.n ?? 0)} epochs)`;
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + BAR - 4}">${escapeHtml(overhead)}</text>`);
  });
  const axis = xAxisSvg({
    x: LABEL,
    width: span,
    y: height - X_AXIS_HEIGHT,
    ticks,
    title: "mean ms per step, stacked by phase, whisker: the epochs' p10–p90 (shorter is better)",
    format: (v) => `${formatNumber(v)} ms`,
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(workload)}: where a step goes in ${escapeHtml(runtime)}">${parts.join('')}${axis}</svg>`;
}

/** Every runtime's step chart of `workload` for the HTML report, each under a one-line caption; '' when none took its steps apart. */
export function trainStepsCharts(study: MultiRuntimeStudy, workload: string): string {
  return study.outcomes
    .flatMap((o) => {
      if (o.status !== 'ok') return [];
      const chart = trainStepsChart(o.results.cases, o.runtime, workload);
      return chart === ''
        ? []
        : [
            `<p>Where a step goes in ${escapeHtml(o.runtime)} (mean ms per step; kernels green, Weft's own phases the rest).</p>\n${chart}`,
          ];
    })
    .join('\n');
}

/** The phases recorded per case, for tables that show them elsewhere. */
export const STEP_METRICS: ReadonlySet<string> = new Set(STEP_PHASES);
