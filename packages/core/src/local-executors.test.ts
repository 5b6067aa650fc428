import { concurrentExecutor, inlineExecutor } from '@weft/core';
import { testExecutorConformance } from '@weft/core/testing';

const noFeatures = { parallel: false, transfer: false, sharedMemory: false, crash: false } as const;

testExecutorConformance({
  name: 'inlineExecutor',
  create: ({ maxQueue }) => inlineExecutor({ maxQueue }),
  features: noFeatures,
});

testExecutorConformance({
  name: 'concurrentExecutor',
  create: ({ size, maxQueue }) => concurrentExecutor({ concurrency: size ?? 4, maxQueue }),
  features: noFeatures,
});
