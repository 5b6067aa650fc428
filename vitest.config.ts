/**
 * The repository's tests in one run (`npx vitest run` here): each package's vitest project. `npm test` runs them per
 * package through turbo instead (with the browser, Deno and Bun suites that vitest does not run).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/core/vitest.config.ts',
      'packages/node/vitest.config.ts',
      'packages/browser/vitest.config.ts',
      'packages/bench/vitest.config.ts',
    ],
  },
});
