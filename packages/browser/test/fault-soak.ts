/**
 * @module fault-soak — the fault soak of webWorkerExecutor (see @weft/core/testing/fault-soak), written once for
 * Chromium (vitest), Deno and Bun (plain processes that must then exit by themselves). Workers are counted through
 * `createWorker`, so a worker the pool forgets to terminate shows as leaked.
 */
import { runFaultSoak, type FaultSoakSummary } from '@weft/core/testing/fault-soak';
import { webWorkerExecutor } from '@weft/browser';

/** Runs `trials` trials from `seed` on Web Workers started from `workerEntry`. */
export function soakWebWorkers(
  runtime: string,
  workerEntry: URL,
  trials: number,
  seed: number,
): Promise<FaultSoakSummary> {
  let live = 0;
  const createWorker = () => {
    const worker = new Worker(workerEntry, { type: 'module' });
    live += 1;
    let terminated = false;
    return {
      postMessage: (message: unknown, transfer: Transferable[]) => worker.postMessage(message, transfer),
      addEventListener: (type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void) =>
        worker.addEventListener(type, listener),
      terminate: () => {
        if (!terminated) live -= 1;
        terminated = true;
        worker.terminate();
      },
    };
  };
  return runFaultSoak({
    name: `${runtime} webWorkerExecutor`,
    trials,
    seed,
    features: { parallel: true, transfer: true, sharedMemory: typeof SharedArrayBuffer === 'function', crash: true },
    create: ({ size, maxQueue }) => webWorkerExecutor({ size, maxQueue, createWorker }),
    liveWorkers: () => live,
    log: (line) => console.error(line),
  });
}
