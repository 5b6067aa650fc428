/** @module testing/harness — the test-runner functions the conformance suite needs, so any runner can host it. */

/** The Jest-style matchers the suite uses; vitest's, Bun's and the `expect` package's all have them. */
export interface ConformanceMatchers {
  toBe(expected: unknown): unknown;
  toEqual(expected: unknown): unknown;
  toContain(expected: unknown): unknown;
  toMatch(expected: RegExp): unknown;
  toBeInstanceOf(expected: unknown): unknown;
  toBeUndefined(): unknown;
  readonly not: ConformanceMatchers;
  readonly resolves: ConformanceMatchers;
}

/**
 * The three functions of a test runner the suite needs. The suite cleans up after each case itself, so no hooks
 * are needed. Each case may take a few seconds: give the runner a per-test timeout of 30 s or more.
 */
export interface TestHarness {
  readonly describe: (name: string, body: () => void) => unknown;
  readonly it: (name: string, body: () => Promise<void>) => unknown;
  readonly expect: (actual: unknown) => ConformanceMatchers;
}
