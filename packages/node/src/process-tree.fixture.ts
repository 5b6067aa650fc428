/** @module process-tree.fixture — Linux `/proc` readings for tests that check child processes end. */
import { readFileSync, readdirSync } from 'node:fs';

/** The state letter and parent pid of a process, or undefined when it is gone. */
function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state as string, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** True while `pid` is a process that has not ended (a zombie waiting to be reaped counts as ended). */
export function isAlive(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}

/** Pids of the live children of `parent`. */
export function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => stat(pid)?.ppid === parent && isAlive(pid));
}
