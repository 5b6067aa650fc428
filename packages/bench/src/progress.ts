/**
 * @module progress — a progress bar that rewrites itself on a terminal (how far, how long left, what runs now), and
 * plain lines anywhere else.
 */
import { createProgressEstimate, type ProgressUnit } from './progress-estimate.js';
import type { Profile } from './workload.js';

/** Where progress goes. */
export interface Progress {
  /** Shows the current step. */
  update(message: string): void;
  /** Clears the status line (on a terminal) before normal output resumes. */
  done(): void;
}

/** What the run will go through, for the bar and the time left. */
export interface ProgressPlan {
  readonly units: readonly ProgressUnit[];
  readonly profile: Profile;
}

/** Width of the bar, in characters. */
const BAR = 20;
/** How often the bar is redrawn while no message arrives (the time left keeps moving). */
const REDRAW_MS = 1000;

/** `~40 s left`, `~4 min left`, `~1 h 10 min left`. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return `~${Math.max(5, Math.round(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `~${minutes} min left` : `~${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** The bar line: `[████████░░░░░░░░░░░░] 42% ~4 min left · node: train: epoch 2/3`. */
export function formatBar(fraction: number, secondsLeft: number, message: string): string {
  const filled = Math.min(BAR, Math.max(0, Math.floor(fraction * BAR)));
  const percent = Math.min(99, Math.floor(fraction * 100));
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${String(percent).padStart(2)}% ${formatTimeLeft(secondsLeft)} · ${message}`;
}

/**
 * A progress display on `stream`: on a TTY, one status line rewritten in place (with `plan`, a bar with the share
 * done and the estimated time left; without, the elapsed seconds); elsewhere one plain line per update.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, plan?: ProgressPlan): Progress {
  if (!stream.isTTY) {
    return { update: (message) => stream.write(`… ${message}\n`), done: () => undefined };
  }
  const started = Date.now();
  const estimate = plan === undefined ? undefined : createProgressEstimate(plan.units, plan.profile, started);
  let last = '';
  let shown = false;
  const draw = (): void => {
    const now = Date.now();
    let line: string;
    if (estimate === undefined) {
      line = `[${((now - started) / 1000).toFixed(0).padStart(3)} s] ${last}`;
    } else {
      const { fraction, secondsLeft } = estimate.state(now);
      line = formatBar(fraction, secondsLeft, last);
    }
    stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    shown = true;
  };
  const timer = setInterval(() => shown && draw(), REDRAW_MS);
  timer.unref();
  return {
    update(message) {
      last = message;
      estimate?.observe(message, Date.now());
      draw();
    },
    done() {
      clearInterval(timer);
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
