/** @module process/child-process — runs a runtime as a child process, bounded by a timeout, killed on a hang. */
import { spawn } from 'node:child_process';

/** Options of {@link runChild}. */
export interface ChildOptions {
  /** Wall-clock limit in ms; past it the whole process group is killed (SIGKILL). */
  readonly timeoutMs: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each line the child writes to stderr (its progress). */
  readonly onStderrLine?: (line: string) => void;
}

/** How a child process ended. */
export interface ChildExit {
  /** Exit code, or null when it was killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the timeout killed it. */
  readonly timedOut: boolean;
  /** The last 64 KiB of stdout and of stderr. */
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const KEEP = 64 * 1024;
const tail = (text: string): string => (text.length > KEEP ? text.slice(-KEEP) : text);

/**
 * Spawns `command args` in its own process group and resolves when it exits. On timeout the group is killed, so
 * threads and grandchildren (a browser, workers) go with it. Rejects only when the command cannot be started.
 */
export function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already, or was never made
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = tail(stdout + chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = tail(stderr + chunk);
      const lines = (partial + chunk).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') options.onStderrLine?.(line);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (!timedOut) killGroup(); // leave nothing behind (a worker thread's grandchild, a browser)
      resolve({ code, signal, timedOut, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/**
 * The most telling line of a failed child's stderr: the `weft:` error line when there is one, else the last line
 * that looks like an error, else the last non-empty line.
 */
export function failureLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('…'));
  const last = (test: (line: string) => boolean): string | undefined => [...lines].reverse().find(test);
  return last((l) => l.startsWith('weft:')) ?? last((l) => /error|panic|fatal|exception/i.test(l)) ?? lines.at(-1);
}
