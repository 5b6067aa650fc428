#!/usr/bin/env node
/**
 * @module agent-cli — `weft-agent`: starts an agent on this machine, with a local pool of worker threads or processes,
 * until SIGINT or SIGTERM (a second signal stops running tasks at once).
 */
import { parseArgs } from 'node:util';
import { describeError, type Executor } from '@weft/core';
import { nodeProcessExecutor, nodeThreadsExecutor } from '@weft/node';
import { startAgent } from './agent.js';

const USAGE = `usage: weft-agent [--redis redis://host:port] [--queue weft] [--pool threads|processes] [--size N]
                  [--root DIR] [--name NAME] [--dead-after-ms MS] [--retries N] [--verbose]
Runs the tasks a Weft cluster executor sends to the queue, on a local pool of --size workers (default: every core).
Start it in the project root (or pass --root) so that task modules resolve as on the coordinator.`;

const { values } = parseArgs({
  options: {
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    queue: { type: 'string', default: 'weft' },
    pool: { type: 'string', default: 'threads' },
    size: { type: 'string' },
    root: { type: 'string' },
    name: { type: 'string' },
    'dead-after-ms': { type: 'string' },
    retries: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: false,
});

/** The value of a numeric flag, or undefined when it is absent. */
function numberFlag(flag: string): number | undefined {
  const text = values[flag];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (typeof text !== 'string' || !Number.isFinite(value))
    throw new Error(`--${flag} must be a number (got ${String(text)})`);
  return value;
}

async function main(): Promise<void> {
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const size = numberFlag('size');
  let executor: Executor;
  if (values.pool === 'threads') executor = nodeThreadsExecutor(size === undefined ? {} : { size });
  else if (values.pool === 'processes') executor = nodeProcessExecutor(size === undefined ? {} : { size });
  else throw new Error(`--pool must be threads or processes (got ${String(values.pool)})`);
  const deadAfterMs = numberFlag('dead-after-ms');
  const retries = numberFlag('retries');
  const agent = await startAgent({
    connection: String(values.redis),
    queue: String(values.queue),
    executor,
    ...(typeof values.root === 'string' ? { root: values.root } : {}),
    ...(typeof values.name === 'string' ? { name: values.name } : {}),
    ...(deadAfterMs === undefined ? {} : { deadAfterMs }),
    ...(retries === undefined ? {} : { retries }),
  }).catch(async (error: unknown) => {
    await executor.close({ force: true });
    throw error;
  });
  console.log(
    `weft-agent ${agent.name} ready: queue "${String(values.queue)}" on ${String(values.redis)}, ${executor.size} ${String(values.pool)}`,
  );
  let stops = 0;
  const stop = () => {
    stops += 1;
    // A second signal stops the running tasks; past a few seconds more, the process ends anyway.
    if (stops > 1) setTimeout(() => process.exit(1), 5_000).unref();
    void agent
      .close({ force: stops > 1 })
      .then(() => executor.close({ force: stops > 1 }))
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `weft-agent: ${values.verbose === true && error instanceof Error ? (error.stack ?? error.message) : describeError(error)}`,
  );
  console.error(USAGE.split('\n')[0]);
  process.exit(2);
});
