/** @module runners/node — the study in Node: the built CLI in a child Node process (the same binary as the host). */
import { cliRunner } from './cli-runner.js';
import type { RuntimeRunner } from './runtime.js';

/** Runs the study in a child process of this Node binary, so the host's own event loop stays out of the numbers. */
export function nodeRunner(): RuntimeRunner {
  return cliRunner({
    name: 'node',
    probe: () => Promise.resolve({ status: 'available', version: process.versions.node, detail: process.execPath }),
    command: () => ({ file: process.execPath, args: [] }),
  });
}
