/**
 * What Weft's study measures with and writes: robust statistics (median, p10–p90), a
 * seeded random generator, the results file format (schema, case builders, validation) and the per-step timing
 * helpers behind `DataParallelTrainer.stepTimings()`. Browser-safe; `@weft/bench` and the docs site read results
 * with it.
 *
 * @module @weft/core/study
 */
export { summarize, quantileSorted } from './stats.js';
export type { Summary } from './stats.js';
export { createPrng } from './prng.js';
export type { Prng } from './prng.js';
export { RESULTS_SCHEMA_VERSION, okCase, unmeasuredCase, crashedCase, validateResults } from './results.js';
export type { CaseResult, CaseInput, CaseStatus, HostInfo, ParameterValue, ResultsFile } from './results.js';
export { createTimingTotals, overheadShare, stepMetrics } from './step-timings.js';
export type { TimingTotals } from './step-timings.js';
