/** @module workloads — every workload of the study, in the order the study runs them. */
import type { Workload } from '../workload.js';
import { backendsWorkload } from './backends.js';
import { dispatchWorkload } from './dispatch.js';
import { fitWorkload } from './fit.js';
import { loadWorkload } from './load.js';
import { oversubscriptionWorkload } from './oversubscription.js';
import { trainWorkload } from './train.js';
import { transferWorkload } from './transfer.js';

/** The study's workloads by name. */
export const WORKLOADS: readonly Workload[] = [
  loadWorkload,
  trainWorkload,
  dispatchWorkload,
  transferWorkload,
  backendsWorkload,
  oversubscriptionWorkload,
  fitWorkload,
];

/** The question each workload answers, by name (for report titles). */
export const QUESTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  WORKLOADS.map((w) => [w.name, w.question]),
);
