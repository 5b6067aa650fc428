/** @module show — what a page prints for a number that may be missing from the reference run. */
import type { Stat } from './stats';

/** The text this reference run must be missing something to print. */
export const NOT_IN_RUN = 'not in this reference run';

/** A number's text, or {@link NOT_IN_RUN}. */
export function show(s: Stat | undefined): string {
  return s?.text ?? NOT_IN_RUN;
}
