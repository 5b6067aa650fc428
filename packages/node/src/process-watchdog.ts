/**
 * @module process-watchdog — a thread of each {@link nodeProcessExecutor} child that kills the child as soon as its
 * parent is gone (the child is re-parented, so its parent pid changes), even while a task keeps the child's main
 * thread busy and deaf to the closed IPC channel.
 */
import { workerData } from 'node:worker_threads';

/** How often the parent is checked, in ms. */
const CHECK_MS = 250;

const { parent } = workerData as { parent: number };
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
}, CHECK_MS);
