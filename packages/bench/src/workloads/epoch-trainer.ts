/** @module workloads/epoch-trainer — what every training contestant (Weft's trainers, model.fit, PyTorch) offers: an epoch at a time. */
import type { Exchange, Executor, LabelledData, StepTimings } from '@weft/core';
import type { TrainModel } from './mnist-models.js';

/** One epoch of a contestant: its mean training loss and, where the trainer times itself (PyTorch), its time. */
export interface EpochOutcome {
  readonly loss: number;
  /** The epoch's time as the trainer measured it, without the pipe to it; absent where the caller times the call. */
  readonly ms?: number;
  /** The loss of the epoch's first step, before its update (where the trainer reports it: PyTorch). */
  readonly firstLoss?: number;
}

/** One contestant's model, trained an epoch at a time. */
export interface EpochTrainer {
  /** One pass over the training set in global batches. */
  trainEpoch(): Promise<EpochOutcome>;
  /** Accuracy on `test`, in percent (call with this thread's backend selected). */
  testAccuracy(test: LabelledData): number | Promise<number>;
  /** Where its steps' time went so far (the spec MLP's trainer; absent elsewhere). */
  stepTimings?(): StepTimings | undefined;
  /** Frees what the trainer holds beyond the executor (PyTorch's process). */
  close?(): Promise<void>;
}

/** What a Weft trainer of the `train` workload is prepared with. */
export interface TrainerSettings {
  readonly model: TrainModel;
  /** The tfjs backend, as the host's adapter names it (`wasm`, `tensorflow`, `webgl`, ...). */
  readonly backend: string;
  readonly executor: Executor;
  readonly parts: number;
  readonly exchange: Exchange;
  readonly batch: number;
  readonly seed: number;
  readonly train: LabelledData;
}

/** What the PyTorch contestant of `model` is started with. */
export interface PytorchTrainerSettings extends Pick<TrainerSettings, 'model' | 'batch' | 'seed' | 'train'> {
  readonly threads: number;
  readonly epochs: number;
  readonly test: LabelledData;
  /** Each epoch's row order (default: the `train` workload's Weft trainer's). */
  readonly orders?: readonly Int32Array[];
  /** Adam's epsilon (default: Weft's 1e-8 for the spec MLP, tfjs's 1e-7 for layers models). */
  readonly epsilon?: number;
}
