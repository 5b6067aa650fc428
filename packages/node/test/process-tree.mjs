// Linux /proc readings for the tests that check child processes end: used by the soak scripts (plain Node, Deno,
// Bun) and by src/process-executor.test.ts (types in process-tree.d.mts).
/* global process */
import { readFileSync, readdirSync } from 'node:fs';

/** The kernel's PF_EXITING flag (include/linux/sched.h): set first thing in do_exit, so the task runs no more code. */
const PF_EXITING = 0x4;

/** The state letter, parent pid and kernel flags of a process or thread (`/proc/<path>/stat`), or undefined when it is gone. */
function stat(path) {
  try {
    // "pid (comm) state ppid pgrp session tty_nr tpgid flags ...": comm may hold spaces and parentheses, so split
    // after the last ')'.
    const text = readFileSync(`/proc/${path}/stat`, 'utf8');
    const [state, ppid, , , , , flags] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid), flags: Number(flags) };
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

/**
 * Number of OS threads of this process that are not exiting. A thread that has ended (Node joined it and emitted
 * its worker's 'exit') can stay listed in `/proc/self/task` for a moment while the kernel finishes tearing it down;
 * it already carries PF_EXITING, so it is not counted.
 */
export function liveThreads() {
  return readdirSync('/proc/self/task').filter((tid) => {
    const s = stat(`self/task/${tid}`);
    return s !== undefined && (s.flags & PF_EXITING) === 0;
  }).length;
}
