// Tasks for the cluster's fault tests: each run appends lines to a file, so a test can count runs and see who ran them.
import { appendFileSync } from 'node:fs';
import { defineTask } from '@weft/core';

/** Appends `started <pid> <value>`, sleeps `ms`, appends `finished <pid> <value>`, returns `value`. */
export async function logged({ log, ms, value }) {
  appendFileSync(log, `started ${process.pid} ${value}\n`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  appendFileSync(log, `finished ${process.pid} ${value}\n`);
  return value;
}

/** {@link logged}, safe to run again when its agent dies. */
export const idempotentLoggedTask = defineTask(import.meta.url, 'logged', { idempotent: true });
/** {@link logged}, run at most once. */
export const loggedTask = defineTask(import.meta.url, 'logged');
