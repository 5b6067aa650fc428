/**
 * @module findings/chart — what a section draws and cites: bars, lines, and the run its numbers come from.
 */

/** One bar of a chart. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly note?: string;
}

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<{ x: number; y: number }>;
}

/** The run a section's numbers come from. */
export interface Source {
  readonly study: string;
  readonly command: string;
  readonly run: string;
}
