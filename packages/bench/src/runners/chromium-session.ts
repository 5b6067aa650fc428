/** @module runners/chromium-session — one study run inside headless Chromium. */
import { WeftError, type ResultsFile } from '@weft/core';
import type { RunRequest } from './runtime.js';

/** Runs the browser workloads in the Chromium at `executable`. */
export function runInChromium(executable: string, request: RunRequest): Promise<ResultsFile> {
  void request;
  return Promise.reject(new WeftError('UNSUPPORTED', `the browser workloads are not built yet (chromium at ${executable})`));
}
