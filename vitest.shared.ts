/**
 * What every package's tests share (`packages/<name>/vitest.config.ts`): where tests are, their time limits, and
 * `@weft/core` resolved to its source, so an adapter's or the bench's tests exercise core as it is in the tree, not
 * a stale build. Worker threads and child processes still load the packages' built entries (a worker runs plain
 * JavaScript), so `turbo run test` builds first.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const coreSource = (file: string): string => fileURLToPath(new URL(`./packages/core/src/${file}`, import.meta.url));

/**
 * `@weft/core` and its entry points, mapped to their source files. Not `@weft/core/testing`: its task modules are
 * named by their own URL and loaded by workers, which run built JavaScript only.
 */
export const CORE_SOURCE_ALIASES = [
  { find: /^@weft\/core$/, replacement: coreSource('index.ts') },
  { find: /^@weft\/core\/adapter$/, replacement: coreSource('adapter.ts') },
  { find: /^@weft\/core\/study$/, replacement: coreSource('study.ts') },
];

/** A package's test config: `src/**\/*.test.ts`, 60 s per test and hook, `@weft/core` from source. */
export function packageTestConfig(): ViteUserConfig {
  return defineConfig({
    resolve: { alias: CORE_SOURCE_ALIASES },
    test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
  });
}
