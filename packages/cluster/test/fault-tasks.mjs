// Tasks for the cluster's fault tests: each run appends a line to a file, so a test can count the runs.
import { appendFileSync } from 'node:fs';
import { defineTask } from '@weft/core';

/** Appends `started <pid>` to `log`, sleeps `ms`, appends `finished <pid>`, returns `value`. */
export async function logged({ log, ms, value }) {
  appendFileSync(log, `started ${process.pid}\n`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  appendFileSync(log, `finished ${process.pid}\n`);
  return value;
}

/** {@link logged}, safe to run again when its agent dies. */
export const idempotentLoggedTask = defineTask(import.meta.url, 'logged', { idempotent: true });
/** {@link logged}, run at most once. */
export const loggedTask = defineTask(import.meta.url, 'logged');
