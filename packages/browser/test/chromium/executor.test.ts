// Chromium: vitest browser mode (vitest.browser.config.ts) runs the conformance suite and the executor cases in a
// page served with COOP/COEP headers, so the page is cross-origin isolated and SharedArrayBuffer is shared.
import { describe, expect, it } from 'vitest';
// Vite's worker URL: the worker entry as its worker plugin serves it (a plain ?url module expects vitest's runtime).
import workerEntry from '@weft/browser/worker?worker&url';
import { testWebWorkerExecutor } from '../executor-cases.js';

it('the page is cross-origin isolated (COOP/COEP headers), so SharedArrayBuffer exists', () => {
  expect(globalThis.crossOriginIsolated).toBe(true);
  expect(typeof SharedArrayBuffer).toBe('function');
});

testWebWorkerExecutor(
  'chromium',
  { describe, it, expect },
  {
    sharedMemory: true,
    workerEntry: new URL(workerEntry, location.href),
  },
);
