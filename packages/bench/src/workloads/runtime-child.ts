/**
 * @module workloads/runtime-child — runs a script in a child process of this same runtime (Node, Deno, Bun) with
 * its own environment, for settings a process reads once (libtensorflow's thread count), and reads back the one
 * JSON line it prints. A child that crashes, exits without that line, or runs past its time limit (then it is
 * killed with its whole process group) gives a reason instead, never a hang.
 */
import { detectRuntime } from '@weft/core';
import { failureLine, runChild } from '../process/child-process.js';
import { BENCH_ROOT } from '../process/package-root.js';

/** The prefix of the line a child prints its outcome on (`WEFT_CHILD {...}`); other output is ignored. */
export const CHILD_LINE_PREFIX = 'WEFT_CHILD ';

/** How the child's outcome came back. */
export type ChildOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | { readonly ok: false; readonly reason: string; readonly ms: number };

/** Options of {@link runRuntimeChild}. */
export interface RuntimeChildOptions {
  /** Variables added to this process's environment for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wall-clock limit in ms; past it the child and its threads are killed. */
  readonly timeoutMs: number;
}

/** The executable and arguments that run `script` in the runtime running this code. */
export function sameRuntimeCommand(script: string): { readonly file: string; readonly args: readonly string[] } {
  const runtime = detectRuntime().name;
  if (runtime === 'deno') return { file: process.execPath, args: ['run', '-A', '--quiet', script] };
  return { file: process.execPath, args: [script] };
}

/** Prints `value` as the child's outcome line (call it once, from the child script); resolves once it is written. */
export function printChildOutcome(value: unknown): Promise<void> {
  return new Promise((resolve) =>
    process.stdout.write(`\n${CHILD_LINE_PREFIX}${JSON.stringify(value)}\n`, () => resolve()),
  );
}

/**
 * Runs `script` with `input` (JSON, as its one argument) in a child of this runtime, and resolves with the value of
 * the last `WEFT_CHILD` line it printed. Resolves `{ ok: false, reason }` when it timed out, crashed (signal or exit
 * code, with its most telling stderr line), or printed no such line. Never rejects for the child's own failures.
 */
export async function runRuntimeChild<T>(
  script: string,
  input: unknown,
  options: RuntimeChildOptions,
): Promise<ChildOutcome<T>> {
  const { file, args } = sameRuntimeCommand(script);
  const exit = await runChild(file, [...args, JSON.stringify(input)], {
    timeoutMs: options.timeoutMs,
    cwd: BENCH_ROOT,
    env: { ...process.env, ...options.env },
  }).catch((error: unknown) => `child could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (typeof exit === 'string') return { ok: false, reason: exit, ms: 0 };
  if (exit.timedOut) {
    return { ok: false, reason: `timed out after ${formatSeconds(options.timeoutMs)} s and was killed`, ms: exit.ms };
  }
  const line = exit.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(CHILD_LINE_PREFIX));
  if (line !== undefined) {
    try {
      return { ok: true, value: JSON.parse(line.slice(CHILD_LINE_PREFIX.length)) as T, ms: exit.ms };
    } catch {
      return { ok: false, reason: 'child printed an unreadable outcome line', ms: exit.ms };
    }
  }
  const how = exit.signal ? `crashed (killed by ${exit.signal})` : `exited with code ${exit.code} without a result`;
  const why = failureLine(withoutLibraryLogs(exit.stderr));
  return { ok: false, reason: `child ${how}${why ? `: ${why}` : ''}`, ms: exit.ms };
}

/** libtensorflow's start-up log lines (absl `I0000 …` / `W0000 …`, the CPU feature notice): never the reason of a crash. */
const LIBRARY_LOG =
  /^([IW]\d{4} \d\d:\d\d:\d\d|WARNING: All log messages before absl|To enable the following instructions)/;

/** `stderr` without libtensorflow's informational start-up lines. */
export function withoutLibraryLogs(stderr: string): string {
  return stderr
    .split(/\r?\n/)
    .filter((line) => !LIBRARY_LOG.test(line.trim()))
    .join('\n');
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
