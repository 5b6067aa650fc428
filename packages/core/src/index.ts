/**
 * Runtime-agnostic core of Weft, for users: tasks, executors, the loader and data-parallel training. Start with
 * {@link defineTask} (name a function in a module so that a worker can run it), an `Executor` to run it on
 * (`nodeThreadsExecutor` from `@weft/node`, `webWorkerExecutor` from `@weft/browser`, or {@link inlineExecutor}
 * here), {@link createLoader} for sharded data and {@link createDataParallelTrainer} for training over the
 * executor's workers. Errors are {@link WeftError}s with a code. Adapter authors find the pool, worker loop and
 * protocol in `@weft/core/adapter`; the study's statistics and results format are in `@weft/core/study`.
 *
 * @module @weft/core
 */
export { WeftError, isWeftError, describeError } from './errors.js';
export type { WeftErrorCode, WeftErrorOptions } from './errors.js';
export { detectRuntime, sharedMemoryAvailable, hardwareConcurrency } from './platform.js';
export type { AbortSignalLike, RuntimeName } from './platform.js';
export { defineTask, taskLabel, withTransfer, registerTaskModule } from './task.js';
export type { DefineTaskOptions, TaskRef, TaskFunction, TransferItem, TransferResult } from './task.js';
export type { Executor, ExecutorCapabilities, ExecutorKind, RunOptions, MapOptions, CloseOptions } from './executor.js';
export { concurrentExecutor, inlineExecutor } from './local-executors.js';
export type { ConcurrentExecutorOptions, InlineExecutorOptions } from './local-executors.js';
export { memorySource } from './source.js';
export type { Source, ShardInfo, MemorySourceOptions } from './source.js';
export { createLoader } from './loader.js';
export type { Loader, LoaderOptions, LoadedShard, Decode, DecodeInput, ExecutorDecode } from './loader.js';
export { checkModelSpec, parameterShapes, parameterCount, initialWeights } from './model.js';
export type { Activation, MlpSpec, ModelSpec, ParameterShape } from './model.js';
export { createAdam } from './adam.js';
export type { Adam, AdamOptions } from './adam.js';
export { EXCHANGES, splitSizes } from './part-trainer.js';
export type { Exchange, Targets, TrainingRows, RowsOf, PartExchange, PartOutput } from './part-trainer.js';
export { checkLabels, computeGradients, evaluateModel, runTrainerPart } from './trainer-part.js';
export type {
  Tfjs,
  LabelledData,
  PartRows,
  TrainerPartInput,
  TrainerPartOutput,
  Evaluation,
  GradientPaths,
  GradientOptions,
} from './trainer-part.js';
export { STEP_PHASES } from './step-timings.js';
export type { PartTimings, StepTimings, StepPhase } from './step-timings.js';
export { createDataParallelTrainer } from './data-parallel-trainer.js';
export type {
  DataParallelTrainer,
  DataParallelTrainerOptions,
  EpochReport,
  StepOptions,
} from './data-parallel-trainer.js';
export { defineModel, buildModel } from './model-ref.js';
export type { ModelRef, ModelFactory, TfjsLayers } from './model-ref.js';
export { runModelPart } from './model-part.js';
export type { ModelPartInput, ModelPartPayload } from './model-part.js';
export { fitModel } from './fit.js';
export type { FitOptions, FitData, FitArrays, FitShard, FitLogs, FitCallbacks, FitHistory } from './fit.js';
