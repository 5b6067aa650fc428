import { mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared';

// Each test file starts its own redis-server and agent processes: one file at a time keeps the 2-core CI machine's
// agents responsive (a starved agent misses its heartbeat and loses its jobs).
export default mergeConfig(packageTestConfig(), { test: { fileParallelism: false } });
