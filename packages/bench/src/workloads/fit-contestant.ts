/** @module workloads/fit-contestant — what each contestant of the `fit` workload offers the interleaved run. */
import type { LabelledData, ModelSpec, StepTimings } from '@weft/core';
import type { ParameterValue } from '@weft/core/study';
import type { EpochOutcome } from './epoch-trainer.js';

/** Settings shared by every contestant of a `fit` run. */
export interface FitSettings {
  readonly spec: ModelSpec;
  readonly batch: number;
  readonly learningRate: number;
  /** The training digits as encoded shards of `batch` digits each, what Weft's loader reads. */
  readonly shards: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>;
  /** The same digits decoded from those shards, in shard order: what `model.fit` and the trainer's warm-up use. */
  readonly train: LabelledData;
}

/** One way of training the MNIST MLP, trained an epoch at a time so that contestants can take turns. */
export interface FitContestant {
  /** `model-fit` (the library alone), `weft-pipeline`, `weft-fit` or `pytorch`. */
  readonly strategy: string;
  readonly backend: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** A short name for progress lines. */
  readonly label: string;
  /** Starts what the contestant needs (backends, workers) and warms it up on a throw-away model. */
  prepare(): Promise<void>;
  /** Trains one epoch over the training set; resolves with its mean training loss (and its time, where it times itself). */
  epoch(): Promise<EpochOutcome>;
  /** The trained weights, flat in `@weft/core`'s layout (kernels `[in, out]`, then biases, layer by layer). */
  weights(): Float32Array;
  /** Scores itself on the test digits (%), where its weights stay outside tfjs (PyTorch); else the workload scores `weights()`. */
  accuracy?(): Promise<number>;
  /** Where its steps' time went (the pipeline's trainer; absent elsewhere). */
  stepTimings?(): StepTimings | undefined;
  /** Frees workers and tensors. */
  close(): Promise<void>;
}
