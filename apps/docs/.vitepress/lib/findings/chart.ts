/**
 * @module findings/chart — what a section draws and cites: bars, lines, and the run its numbers come from.
 */
import type { Stat } from '../stats';

/** One bar of a chart: its number (with n, p10–p90 and, across runs, each run's value) and what it measures. */
export interface Bar {
  readonly label: string;
  readonly stat: Stat;
  readonly note?: string;
}

/** One point of a line: x, the median y and, when known, its p10–p90 range. */
export interface Point {
  readonly x: number;
  readonly y: number;
  readonly low?: number;
  readonly high?: number;
}

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
}

/** The run a section's numbers come from, and the other committed runs they were compared with. */
export interface Source {
  readonly study: string;
  readonly command: string;
  readonly run: string;
  readonly repeats?: readonly string[];
}

/** A point from a {@link Stat}: its value and p10–p90 range at `x`. */
export function point(x: number, s: Stat): Point {
  return { x, y: s.value, low: s.low, high: s.high };
}
