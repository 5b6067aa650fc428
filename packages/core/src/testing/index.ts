/**
 * The executor conformance suite wired to vitest (an optional peer dependency of `@weft/core`), and the fixture tasks
 * it uses. Other runners use `@weft/core/testing/conformance`.
 *
 * @module @weft/core/testing
 */
import { describe, expect, it } from 'vitest';
import {
  testExecutorConformance as testWithHarness,
  type ConformanceOptions,
  type TestHarness,
} from './conformance.js';

export * from './conformance.js';
export * from './fault-soak.js';

/** vitest's `describe`, `it` and `expect`, as a {@link TestHarness}. */
export const vitestHarness: TestHarness = { describe, it, expect };

/**
 * Registers the conformance suite as vitest `describe`/`it` blocks (or those of `harness`, when given).
 *
 * @example
 * ```ts
 * import { testExecutorConformance } from '@weft/core/testing';
 * testExecutorConformance({
 *   name: 'nodeThreadsExecutor',
 *   create: ({ size, maxQueue }) => nodeThreadsExecutor({ size: size ?? 2, maxQueue }),
 *   features: { parallel: true, transfer: true, sharedMemory: true, crash: true },
 * });
 * ```
 */
export function testExecutorConformance(options: ConformanceOptions, harness: TestHarness = vitestHarness): void {
  testWithHarness(options, harness);
}
