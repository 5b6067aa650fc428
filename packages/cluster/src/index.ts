/**
 * Weft's `Executor` on a cluster: {@link clusterExecutor} on the coordinator sends each task as a BullMQ job through
 * Redis; {@link startAgent} (or the `weft-agent` command) on each machine runs the jobs on a local worker pool.
 *
 * @module @weft/cluster
 */
export { clusterExecutor } from './cluster-executor.js';
export type { ClusterAgent, ClusterExecutor, ClusterExecutorOptions, ClusterReadyOptions } from './cluster-executor.js';
export { startAgent } from './agent.js';
export type { Agent, AgentOptions } from './agent.js';
export type { ClusterConnection } from './connection.js';
export { DEFAULT_MAX_PAYLOAD_BYTES } from './codec.js';
