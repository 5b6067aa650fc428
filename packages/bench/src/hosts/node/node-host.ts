/**
 * @module hosts/node/node-host — the workload host of the Node, Deno and Bun children: worker_threads workers for
 * `transfer` and the floor, the pools of these runtimes for `dispatch`, shard files, a shard server and reading
 * workers for `load`, the digits, pools, trainers and PyTorch for `train`, and the backends for `backends`.
 */
import type { WorkloadHost } from '../../workloads/host.js';
import { AtomicsPingPong } from './atomics-ping-pong.js';
import { NODE_DISPATCH_POOLS, openNodeDispatchPool } from './dispatch-pools.js';
import { openNodeLoadPool, openNodeShardSet } from './load-host.js';
import { openNodeMoveChannel } from './transfer-channel.js';
import { openNodeTraining } from './train-host.js';
import { openNodeBackends } from './backends-host.js';

/** What Node, Deno and Bun give the runtime-neutral workloads. */
export const nodeWorkloadHost: WorkloadHost = {
  openMoveChannel: openNodeMoveChannel,
  dispatchPools: NODE_DISPATCH_POOLS,
  openDispatchPool: openNodeDispatchPool,
  openRoundTripFloor: () => new AtomicsPingPong(),
  openShardSet: openNodeShardSet,
  openLoadPool: openNodeLoadPool,
  openTraining: openNodeTraining,
  openBackends: openNodeBackends,
};
