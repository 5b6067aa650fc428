/** @module workloads/throughput — samples/s with its spread, from timed runs that each processed the same work. */
import { summarize } from '@weft/core/study';

/** Samples/s at the median run, and at the slow (p90 time) and fast (p10 time) ends of the runs. */
export interface SamplesPerSecond {
  readonly samplesPerSecond: number;
  /** At the runs' p90 time: the low end of the spread. */
  readonly samplesPerSecondP10: number;
  /** At the runs' p10 time: the high end of the spread. */
  readonly samplesPerSecondP90: number;
}

/** The samples/s of runs that took `runMs` each while processing `samplesPerRun` training samples. */
export function samplesPerSecond(runMs: readonly number[], samplesPerRun: number): SamplesPerSecond {
  const s = summarize(runMs);
  const rate = (ms: number): number => samplesPerRun / (ms / 1000);
  return { samplesPerSecond: rate(s.median), samplesPerSecondP10: rate(s.p90), samplesPerSecondP90: rate(s.p10) };
}
