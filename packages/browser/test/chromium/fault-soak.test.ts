// Chromium: the fault soak of webWorkerExecutor in a cross-origin isolated page (vitest browser mode).
import { expect, it } from 'vitest';
import workerEntry from '@weft/browser/worker?worker&url';
import { formatSoakSummary } from '@weft/core/testing/fault-soak';
import { soakWebWorkers } from '../fault-soak.js';

const TRIALS = 200;

it(`fault soak: ${TRIALS} seeded random trials, every task settles once with its outcome, no hang, no leaked worker`, async () => {
  const seed = Date.now() % 1_000_000_000;
  const summary = await soakWebWorkers('chromium', new URL(workerEntry, location.href), TRIALS, seed);
  console.log(formatSoakSummary(summary));
  expect(summary.failures).toEqual([]);
  expect(summary).toMatchObject({
    trials: TRIALS,
    wrongOutcomes: 0,
    hangs: 0,
    leakedWorkers: 0,
    settledOnce: summary.tasks,
  });
}, 900_000);
