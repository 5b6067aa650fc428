/**
 * @module report/backends-chart — the `backends` workload's chart for the HTML report (inline SVG): per matMul and
 * conv2d case and backend, one bar per runtime, its length the fraction of the theoretical fp32 peak reached
 * (a dashed line marks 100 %) with its p10–p90 whisker, labelled with the GFLOP/s, over a % axis. Browser-safe.
 */
import { casesOfWorkload, hasMetric, metricOf, parameterOf, recordedMetric, type CaseOf } from '../model/vocabulary.js';

/** A case of `backends`. */
type BackendsCase = CaseOf<'backends'>;
import type { MultiRuntimeStudy } from '../model/study.js';
import type { StudyRuntime } from '../model/study.js';
import { backendText, operationText } from './backends.js';
import { formatNumber } from './format.js';
import { COLOURS, escapeHtml } from './html-text.js';
import { X_AXIS_HEIGHT, whiskerSvg, xAxisSvg } from './svg-axis.js';

const BAR = 14;
const GAP = 10;
const LABEL = 260;
const WIDTH = 900;
/** The axis ends at 120 % of the peak (turbo clocks can pass 100 %). */
const AXIS = 1.2;

/** The chart, or '' when no runtime measured a GFLOP/s case with a known peak. */
export function backendsPeakChart(study: MultiRuntimeStudy): string {
  const runtimes = study.outcomes.map((o) => o.runtime);
  const perRuntime = study.outcomes.map((o) =>
    o.status === 'ok'
      ? casesOfWorkload(o.results.cases, 'backends').filter((c) => c.status === 'ok' && hasMetric(c, 'peakFraction'))
      : [],
  );
  const keyOf = (c: BackendsCase) =>
    `${operationText(c)} · ${backendText(c)} ×${String(parameterOf(c, 'threads') ?? '')}`;
  const keys = [...new Set(perRuntime.flat().map(keyOf))];
  if (keys.length === 0) return '';
  const groupHeight = runtimes.length * BAR + GAP;
  const height = keys.length * groupHeight + 30 + X_AXIS_HEIGHT;
  const span = WIDTH - LABEL - 170;
  const full = LABEL + span / AXIS;
  const parts: string[] = [
    `<line x1="${full.toFixed(1)}" y1="20" x2="${full.toFixed(1)}" y2="${height}" stroke="#b00020" stroke-dasharray="4 3"/>`,
  ];
  parts.push(`<text x="${(full + 4).toFixed(1)}" y="14" class="params">100 % of peak</text>`);
  keys.forEach((key, i) => {
    const y0 = i * groupHeight + 24;
    // Long conv2d names are cut to fit the label column; the full name is the label's tooltip.
    const label = key.length > 36 ? `${key.slice(0, 35)}…` : key;
    parts.push(
      `<text x="${LABEL - 8}" y="${y0 + (runtimes.length * BAR) / 2 + 4}" text-anchor="end" class="case"><title>${escapeHtml(key)}</title>${escapeHtml(label)}</text>`,
    );
    perRuntime.forEach((cases, j) => {
      const c = cases.find((x) => keyOf(x) === key);
      const y = y0 + j * BAR;
      const runtime = runtimes[j] as StudyRuntime;
      if (c === undefined) {
        parts.push(`<text x="${LABEL + 4}" y="${y + BAR - 3}" class="na">${escapeHtml(runtime)}: —</text>`);
        return;
      }
      const fraction = metricOf(c, 'peakFraction');
      const x = (f: number) => LABEL + (Math.min(f, AXIS) / AXIS) * span;
      const w = Math.max(1, x(fraction) - LABEL);
      // GFLOP/s is a rate of the measured time: its p10–p90 gives the fraction's.
      const low = fraction * ((recordedMetric(c, 'gflopsP10') ?? metricOf(c, 'gflops')) / metricOf(c, 'gflops'));
      const high = fraction * ((recordedMetric(c, 'gflopsP90') ?? metricOf(c, 'gflops')) / metricOf(c, 'gflops'));
      const label = `${formatNumber(metricOf(c, 'gflops'))} GFLOP/s · ${formatNumber(fraction * 100)} % (n=${String(c.summary?.n ?? 0)})`;
      parts.push(
        `<rect class="bar" x="${LABEL}" y="${y + 1}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${COLOURS[runtime]}"><title>${escapeHtml(`${runtime}: ${label}`)}</title></rect>`,
        whiskerSvg(x(Math.min(low, high)), x(Math.max(low, high)), y + BAR / 2),
        `<text x="${(Math.max(LABEL + w, x(Math.max(low, high))) + 4).toFixed(1)}" y="${y + BAR - 3}">${escapeHtml(label)}</text>`,
      );
    });
  });
  const legend = runtimes
    .map(
      (rt, i) =>
        `<rect x="${LABEL + i * 110}" y="4" width="12" height="12" fill="${COLOURS[rt]}"/><text x="${LABEL + i * 110 + 16}" y="14">${rt}</text>`,
    )
    .join('');
  const axis = xAxisSvg({
    x: LABEL,
    width: span,
    y: height - X_AXIS_HEIGHT,
    ticks: [0, 20, 40, 60, 80, 100, 120],
    title: 'GFLOP/s as % of the theoretical fp32 peak, median with p10–p90 whisker (longer is better)',
    format: (v) => `${v} %`,
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="backends: GFLOP/s as a fraction of the fp32 peak">${legend}${parts.join('')}${axis}</svg>`;
}
