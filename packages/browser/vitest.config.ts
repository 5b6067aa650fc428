import { defineConfig } from 'vitest/config';

// Node-side unit tests only; the runtime tests live in test/ (see test/run-all.mjs).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
