/** @module node-script.fixture — runs a Node script in a child process for tests that check the process exits by itself. */
import { spawn } from 'node:child_process';

/** What the child printed and how it ended: its exit code, or a sentence when it had to be killed. */
export interface ScriptRun {
  readonly code: number | string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file` with this Node; kills it (and says so in `code`) when it has not exited after `limitMs`. */
export function runNodeScript(file: string, limitMs: number, env: NodeJS.ProcessEnv = process.env): Promise<ScriptRun> {
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({
        code: `still running after ${limitMs / 1000} s: something (a worker?) kept the process alive`,
        stdout,
        stderr,
      });
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
