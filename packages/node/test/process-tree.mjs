// Linux /proc readings for the tests that check child processes end: used by the soak scripts (plain Node, Deno,
// Bun) and by src/process-executor.test.ts (types in process-tree.d.mts).
/* global process */
import { readFileSync, readdirSync } from 'node:fs';

/** The state letter and parent pid of a process, or undefined when it is gone. */
function stat(pid) {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** True while `pid` is a process that has not ended (a zombie waiting to be reaped counts as ended). */
export function isAlive(pid) {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}

/** Pids of the live children of `parent` (default: this process). */
export function childrenOf(parent = process.pid) {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => stat(pid)?.ppid === parent && isAlive(pid));
}
