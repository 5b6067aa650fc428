/**
 * @module hosts/node/train-host — what Node, Deno and Bun give the `train` workload: the MNIST split from the
 * `mnist` package, `@weft/node`'s pools (and `@weft/browser`'s web workers where the runtime has them), the trainers
 * on tfjs-core with `@weft/node/tfjs`'s backends, and PyTorch in a Python child process.
 */
import { WeftError, type Executor } from '@weft/core';
import { TFJS_BACKENDS, useTfjsBackend, type TfjsBackendName } from '@weft/node/tfjs';
import { loadMnist } from '../../data/mnist.js';
import type { TrainHost } from '../../workloads/host.js';
import { NODE_TRAIN_POOLS, poolOpener } from '../../workloads/pool-openers.js';
import { TRAIN_POOLS, type TrainPool } from '../../workloads/train-pool.js';
import { importTfjs } from '../../workloads/tfjs-modules.js';

/** Loads tfjs (rejecting with `UNSUPPORTED` and the install command without it), the trainers and the digits. */
export async function openNodeTraining(): Promise<TrainHost> {
  const { tfc } = await importTfjs();
  const trainers = await import('../../workloads/train-trainers.js');
  const { train, test } = await loadMnist();
  const openers = new Map<TrainPool, (size: number) => Executor>();
  for (const pool of TRAIN_POOLS) openers.set(pool, await poolOpener(pool));
  return {
    train,
    test,
    pools: NODE_TRAIN_POOLS,
    openPool: (pool, size) => (openers.get(pool) as (size: number) => Executor)(size),
    unsupported: (_model, backend) =>
      TFJS_BACKENDS.includes(backend as TfjsBackendName)
        ? undefined
        : `${backend} is a browser backend: this runtime trains on ${TFJS_BACKENDS.join(', ')}`,
    prepareTrainer: trainers.prepareTrainer,
    pytorchTrainer: trainers.pytorchTrainer,
    async useBackend(backend) {
      if (!TFJS_BACKENDS.includes(backend as TfjsBackendName))
        throw new WeftError('UNSUPPORTED', `no tfjs backend ${JSON.stringify(backend)} in this runtime`);
      await useTfjsBackend(tfc, backend as TfjsBackendName);
    },
  };
}
