/** @module runners/browser/config — what the host tells the browser page to run (served as `/config.json`). */
import type { HostInfo } from '@weft/core/study';
import type { OptionValue } from '../../workload.js';
import type { PeakInputs } from '../../workloads/backends-flops.js';

/** The browser study's plan: the same profile and resolved options as the other runtimes. */
export interface BrowserStudyConfig {
  readonly profile: string;
  readonly runId: string;
  /** The machine (the host measures it; the page runs on the same machine). */
  readonly host: HostInfo;
  readonly versions: Readonly<Record<string, string>>;
  readonly workloads: readonly string[];
  /** Each workload's options, resolved by the host for the profile exactly as the CLI does. */
  readonly options: Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;
  /** Shards served at `/shards/<name>` after `latencyMs`. */
  readonly shards: { readonly names: readonly string[]; readonly totalBytes: number; readonly latencyMs: number };
  /** Why Weft's web-worker executor is not in the bundle, or undefined when it is (`/weft-worker.js`, `/dispatch-task.js`). */
  readonly weftUnavailable?: string;
  /** The host's inputs of the theoretical fp32 peak (cores, clock and its source), when `backends` runs. */
  readonly peak?: PeakInputs;
}

/** The prefix of console lines the host shows as progress. */
export const PROGRESS_PREFIX = 'weft-progress: ';
