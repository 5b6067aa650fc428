/**
 * @module workloads/host — what a runtime gives the runtime-neutral workloads: the pieces only a host can make
 * (workers it opens its own way, pools of its runtime). The Node, Deno and Bun children pass `nodeWorkloadHost`
 * (`hosts/node/`); the Chromium page passes its own (`runners/browser/page-host.ts`). Browser-safe: types only.
 */
import type { DecodeInput, Executor, LabelledData, Source, TaskRef } from '@weft/core';
import type { CaseResult } from '@weft/core/study';
import type { DecodedShard } from '../data/shard-codec.js';
import type { PeakInputs } from './backends-flops.js';
import type { BackendEnvironment, BackendPlan } from './backends-measure.js';
import type { EpochTrainer, PytorchTrainerSettings, TrainerSettings } from './epoch-trainer.js';
import type { TrainModel } from './mnist-models.js';
import type { RuntimePools, TrainPool } from './train-pool.js';
import type { PoolUnderTest } from './pool-timing.js';
import type { MoveChannel } from './transfer-moves.js';

/** Where one shard lives, for a worker: a file path or a URL. */
export type ShardLocation = { readonly path: string } | { readonly url: string };

/** Where `load` reads shards from: local files, or HTTP with a fixed latency per request. */
export type LoadSourceKind = 'file' | 'http';

/** `load`: shards the host has made reachable from this thread (`source`) and from a worker (`locate`). */
export interface HostShardSet {
  readonly source: Source;
  /** Where a worker finds the shard of this name. */
  readonly locate: (name: string) => ShardLocation;
  readonly shards: number;
  readonly totalBytes: number;
  /** Per-request latency of the source in ms (0 for files). */
  readonly latencyMs: number;
  /** Removes what the host made for the set (files, a server). */
  close(): Promise<void>;
}

/** `load`: a pool of this runtime's workers and the tasks they read and decode shards with. */
export interface LoadPool {
  readonly executor: Executor;
  readonly readTask: TaskRef<ShardLocation, Uint8Array>;
  readonly decodeTask: TaskRef<DecodeInput, DecodedShard>;
}

/** A {@link MoveChannel} to a worker the host started, closed when the workload is done. */
export interface WorkerMoveChannel extends MoveChannel {
  /** Stops the worker. */
  close(): Promise<void>;
}

/** The floor of a thread round trip: a ping-pong through shared memory, blocking this thread while it waits. */
export interface RoundTripFloor {
  /** One round trip, in µs. */
  roundTripUs(): number;
  /** Stops the worker. */
  close(): Promise<void>;
}

/** `train`: the data, pools and trainers of this runtime, once its tfjs and digits have loaded. */
export interface TrainHost {
  /** The 8,000 training digits of the MNIST split. */
  readonly train: LabelledData;
  /** The 2,000 test digits of the same split. */
  readonly test: LabelledData;
  /** The pools this runtime trains on (what `--pools auto` and `threads` mean here). */
  readonly pools: RuntimePools;
  /** Opens `pool` with `size` workers; throws with the reason where that pool cannot run here (the case is skipped). */
  openPool(pool: TrainPool, size: number): Executor;
  /** Why `model` cannot train on `backend` in this runtime at all (one skipped case for the group), or undefined. */
  unsupported(model: TrainModel, backend: string): string | undefined;
  /** Prepares a Weft trainer, warm-up included; rejects with `UNSUPPORTED` saying why where it cannot train. */
  prepareTrainer(settings: TrainerSettings): Promise<EpochTrainer>;
  /** Starts PyTorch beside Weft; rejects with `UNSUPPORTED` saying why where it cannot (no Python in a page). */
  pytorchTrainer(settings: PytorchTrainerSettings): Promise<EpochTrainer>;
  /** Selects `backend` on this thread, before the trained models are scored. */
  useBackend(backend: string): Promise<void>;
}

/** `backends`: one backend selected on this thread, ready to measure, or why it cannot be. */
export type OpenedBackend =
  | { readonly status: 'ready'; readonly env: Omit<BackendEnvironment, 'mlp' | 'progress'> }
  | { readonly status: 'skipped' | 'failed'; readonly reason: string };

/** `backends`: this runtime's tfjs backends (and non-JavaScript reference), and the machine's peak. */
export interface BackendsHost {
  /** The backends `--backends auto` means here, in report order. */
  readonly backends: readonly string[];
  /** The inputs of the machine's theoretical fp32 peak (cores, clock and its source). */
  readonly peak: PeakInputs;
  /** Selects `backend` on this thread (after probing it) with the digits and tfjs-layers of this runtime. */
  openBackend(backend: string, plan: BackendPlan): Promise<OpenedBackend>;
  /**
   * Measures `backend` when it is a non-JavaScript reference of this runtime (NumPy beside Node), or says why not;
   * undefined when `backend` is not a reference (it is then opened as a tfjs backend).
   */
  reference(backend: string, plan: BackendPlan, progress: (message: string) => void): Promise<CaseResult[]> | undefined;
}

/** What a runtime provides to the workloads that run in every runtime. */
export interface WorkloadHost {
  /**
   * `transfer`: starts a worker that acknowledges each message through shared memory, and resolves once it has
   * answered. Rejects with `UNSUPPORTED` where there is no shared memory (a page that is not cross-origin isolated).
   */
  openMoveChannel(): Promise<WorkerMoveChannel>;
  /** `transfer`: runs after each move (a page lets its event loop breathe; elsewhere absent). */
  readonly afterMove?: (move: number) => Promise<void> | void;
  /** `dispatch`: the pools this runtime can measure, in report order (what `--pools auto` means here). */
  readonly dispatchPools: readonly string[];
  /**
   * `dispatch`: opens the pool `name` with `threads` workers, each running the no-op task (its input back); rejects
   * with an error whose message says why the pool cannot run here (the case is then skipped with that reason).
   */
  openDispatchPool(name: string, threads: number): Promise<PoolUnderTest>;
  /** `dispatch`: the shared-memory floor (`--pools atomics`), where this thread may block; absent in a page. */
  openRoundTripFloor?(): RoundTripFloor;
  /**
   * `load`: packs the 10,000 digits into `shards` shards reachable as `kind` (HTTP answering after `latencyMs`).
   * Rejects with `UNSUPPORTED` where this runtime cannot read that kind (a page has no local files).
   */
  openShardSet(kind: LoadSourceKind, shards: number, latencyMs: number): Promise<HostShardSet>;
  /** `load`: starts `threads` workers able to read and decode shards; rejects saying why it cannot here. */
  openLoadPool(threads: number): Promise<LoadPool>;
  /**
   * `train`: loads tfjs and the digits, and gives the runtime's pools and trainers; rejects with `UNSUPPORTED` and
   * the install command where tfjs is missing (the workload is then one skipped case).
   */
  openTraining(): Promise<TrainHost>;
  /** `backends`: this runtime's backends, probed and selected its own way (`@weft/node/tfjs`, `@weft/browser/tfjs`). */
  openBackends(): Promise<BackendsHost>;
}
