import { describe, expect, it } from 'vitest';
import { testExecutorConformance } from '@weft/core/testing/conformance';
import { clusterExecutor } from './cluster-executor.js';
import { REPO_ROOT, redisWithAgents, skipCluster } from './cluster.fixture.js';

// The executor contract against a real redis-server and two weft-agent processes (one thread each).
describe.skipIf(skipCluster)('clusterExecutor on 2 agents', () => {
  const redis = redisWithAgents('conformance', ['a1', 'a2']);

  testExecutorConformance(
    {
      name: 'clusterExecutor',
      create: ({ size, maxQueue }) =>
        clusterExecutor({
          connection: redis.url(),
          queue: 'conformance',
          root: REPO_ROOT,
          ...(size === undefined ? {} : { size }),
          ...(maxQueue === undefined ? {} : { maxQueue }),
        }),
      features: { parallel: true, transfer: false, sharedMemory: false, crash: true, distributed: true },
    },
    { describe, it, expect },
  );
});
