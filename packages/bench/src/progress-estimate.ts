/**
 * @module progress-estimate — how far a run is and how long it has left, from the units it goes through (each
 * workload, in each runtime of a study) and each workload's expected duration per profile, rescaled by how fast
 * this machine has run the units so far.
 */
import type { Profile } from './workload.js';

/** One step of a run: a workload, in a runtime when the run spans several. */
export interface ProgressUnit {
  readonly runtime?: string;
  readonly workload: string;
}

/**
 * Expected seconds of each workload in one runtime, per profile: `weft study --runtimes node` on the 2-core
 * reference machine (tfjs-node and PyTorch present; smoke and quick measured, full taken as 4 × quick). Only a
 * prior: the estimate rescales it by the pace measured as soon as a unit has finished.
 */
const EXPECTED_S: Readonly<Record<Profile, Readonly<Record<string, number>>>> = {
  smoke: { load: 5, train: 2, dispatch: 2, transfer: 1, backends: 7, oversubscription: 17, fit: 2 },
  quick: { load: 26, train: 180, dispatch: 18, transfer: 17, backends: 51, oversubscription: 173, fit: 105 },
  full: { load: 104, train: 720, dispatch: 72, transfer: 68, backends: 204, oversubscription: 692, fit: 420 },
};
/** For a workload missing from the table. */
const DEFAULT_EXPECTED_S: Readonly<Record<Profile, number>> = { smoke: 5, quick: 60, full: 240 };

/** Where a run stands. */
export interface ProgressState {
  /** The unit running now (undefined before the first message that names one). */
  readonly unit: ProgressUnit | undefined;
  /** Fraction done, 0 to 1. */
  readonly fraction: number;
  /** Estimated seconds left. */
  readonly secondsLeft: number;
}

/** Tracks a run's units from its progress messages (`node: train: epoch 2/3`, `train: starting`). */
export interface ProgressEstimate {
  /** Takes one progress message at time `nowMs`; moves to the unit it names, never back. */
  observe(message: string, nowMs: number): void;
  /** Where the run stands at `nowMs`. */
  state(nowMs: number): ProgressState;
}

/** True when `text` starts with `name` followed by `:` or a space (`node: …`, `node 20.1.0: …`, `deno is …`). */
const startsWithName = (text: string, name: string): boolean =>
  text.startsWith(name) && (text.length === name.length || text[name.length] === ':' || text[name.length] === ' ');

/** The index of the unit `message` names, at `current` or later; -1 when it names none. */
function unitOf(units: readonly ProgressUnit[], message: string, current: number): number {
  const runtime = units.find((u) => u.runtime !== undefined && startsWithName(message, u.runtime))?.runtime;
  if (runtime === undefined && units.some((u) => u.runtime !== undefined)) return -1;
  const rest = runtime === undefined ? message : message.slice(message.indexOf(':') + 1).trimStart();
  const from = Math.max(current, 0);
  const named = units.findIndex((u, i) => i >= from && u.runtime === runtime && startsWithName(rest, u.workload));
  if (named >= 0 || runtime === undefined) return named;
  // A runtime's own lines (`node 20.1.0: starting`, `deno is not installed: …`) belong to its first unit.
  if (current >= 0 && units[current]!.runtime === runtime) return current;
  return units.findIndex((u, i) => i > current && u.runtime === runtime);
}

/** Starts an estimate over `units` at `startMs`. */
export function createProgressEstimate(
  units: readonly ProgressUnit[],
  profile: Profile,
  startMs: number,
): ProgressEstimate {
  const expected = units.map((u) => EXPECTED_S[profile][u.workload] ?? DEFAULT_EXPECTED_S[profile]);
  let current = -1;
  let currentStart = startMs;
  // Units that ran (not skipped): their expected and actual seconds, for the machine's pace.
  let ranExpected = 0;
  let ranActual = 0;

  return {
    observe(message, nowMs) {
      const next = unitOf(units, message, current);
      if (next < 0 || next <= current) return;
      if (current >= 0) {
        const actual = (nowMs - currentStart) / 1000;
        // A unit over in a moment was skipped (its runtime missing, its workload not run there): no pace from it.
        if (actual >= 0.2 * expected[current]!) {
          ranExpected += expected[current]!;
          ranActual += actual;
        }
      }
      current = next;
      currentStart = nowMs;
    },
    state(nowMs) {
      const pace = ranExpected > 0 ? ranActual / ranExpected : 1;
      const elapsed = (nowMs - startMs) / 1000;
      let left = 0;
      if (current < 0) {
        left = expected.reduce((a, b) => a + b, 0) * pace;
      } else {
        const inCurrent = (nowMs - currentStart) / 1000;
        // The running unit has at least a tenth of its expected time left until it ends.
        left = Math.max(expected[current]! * pace - inCurrent, 0.1 * expected[current]! * pace);
        for (let i = current + 1; i < units.length; i += 1) left += expected[i]! * pace;
      }
      return {
        unit: current < 0 ? undefined : units[current],
        fraction: elapsed + left > 0 ? elapsed / (elapsed + left) : 0,
        secondsLeft: left,
      };
    },
  };
}
