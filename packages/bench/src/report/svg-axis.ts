/**
 * @module report/svg-axis — what every chart of the HTML report draws besides its bars: a value axis with ticks,
 * labels and a title, and the p10–p90 whisker of a bar. Browser-safe; the docs site's charts use {@link niceTicks}.
 */
import { escapeHtml } from './html-text.js';

/** Tick values 0, s, 2s … up to the first tick ≥ `max`, with s = 1, 2 or 5 × 10^k so that there are about `count`. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  if ((ticks[ticks.length - 1] ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/**
 * A horizontal value axis below the bars: a line from `x` over `width` px at height `y`, a tick and its label at each
 * value of `ticks` (`0` at `x`, the last tick at `x + width`), and `title` centred below (`data-axis="x"`).
 */
export function xAxisSvg(options: {
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly ticks: readonly number[];
  readonly title: string;
  readonly format: (value: number) => string;
}): string {
  const { x, width, y, ticks, title, format } = options;
  const last = ticks[ticks.length - 1] ?? 1;
  const parts = ticks.map((t) => {
    const tx = (x + (t / last) * width).toFixed(1);
    return `<line x1="${tx}" y1="${y}" x2="${tx}" y2="${y + 4}" stroke="#888"/><text x="${tx}" y="${y + 15}" text-anchor="middle" class="tick">${escapeHtml(format(t))}</text>`;
  });
  return `<g class="axis" data-axis="x"><line x1="${x}" y1="${y}" x2="${(x + width).toFixed(1)}" y2="${y}" stroke="#888"/>${parts.join('')}<text x="${(x + width / 2).toFixed(1)}" y="${y + 30}" text-anchor="middle" class="axis-title">${escapeHtml(title)}</text></g>`;
}

/** The height {@link xAxisSvg} takes below its line. */
export const X_AXIS_HEIGHT = 36;

/** A p10–p90 whisker from `x1` to `x2` at height `y`: a line with end caps (`class="whisker"`). */
export function whiskerSvg(x1: number, x2: number, y: number): string {
  const [a, b] = [x1.toFixed(1), x2.toFixed(1)];
  return `<path class="whisker" d="M${a},${y - 4}V${y + 4}M${a},${y}H${b}M${b},${y - 4}V${y + 4}" stroke="#222" stroke-width="1.2" fill="none"/>`;
}
