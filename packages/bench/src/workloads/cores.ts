/**
 * @module workloads/cores — how many cores this machine offers, in any runtime, without a static `node:` import (so
 * the workloads that use it bundle for a page).
 */
import { hardwareConcurrency } from '@weft/core';

/** The slice of Node's `process` read here (`getBuiltinModule`: Node ≥ 20.16, Deno, Bun). */
interface ProcessLike {
  getBuiltinModule?(id: 'node:os'): { availableParallelism?(): number } | undefined;
}

/**
 * Logical cores available to this process: Node's `os.availableParallelism()` where the runtime has Node's
 * built-ins (Node, Deno, Bun; it honours CPU affinity), else `navigator.hardwareConcurrency` (a page), else 1.
 */
export function availableCores(): number {
  const node = (globalThis as { process?: ProcessLike }).process?.getBuiltinModule?.('node:os');
  const n = node?.availableParallelism?.();
  return typeof n === 'number' && n > 0 ? n : hardwareConcurrency();
}
