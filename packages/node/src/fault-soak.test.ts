import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FaultSoakSummary } from '@weft/core/testing/fault-soak';
import { runNodeScript } from './node-script.fixture.js';

/** Past this the soak counts as hung (the child is killed): it ran too long or a worker kept it alive. */
const LIMIT_MS = 15 * 60_000;

/**
 * Trials per pool; CI runs the defaults: 1,000 for threads (about three minutes on 2 cores), 300 for processes
 * (about a minute and a half: each trial starts its own processes).
 */
const POOLS = [
  { pool: 'threads', executor: 'nodeThreadsExecutor', trials: Number(process.env.WEFT_SOAK_TRIALS ?? 1000) },
  { pool: 'processes', executor: 'nodeProcessExecutor', trials: Number(process.env.WEFT_SOAK_TRIALS ?? 300) },
] as const;

describe.each(POOLS)('$executor fault soak', ({ pool, trials }) => {
  it(
    `${trials} seeded random trials: every task settles once with its outcome, no hang, no leaked worker, and the process exits by itself`,
    async () => {
      const script = fileURLToPath(new URL('../test/fault-soak.mjs', import.meta.url));
      const env = { ...process.env, WEFT_SOAK_TRIALS: String(trials), WEFT_SOAK_POOL: pool };
      const { code, stdout, stderr } = await runNodeScript(script, LIMIT_MS, env);
      const line = stdout.split('\n').find((l) => l.startsWith('WEFT_SOAK '));
      expect(line, `no summary; exit ${String(code)}; stderr: ${stderr.slice(-2000)}`).toBeDefined();
      const summary = JSON.parse((line as string).slice('WEFT_SOAK '.length)) as FaultSoakSummary;
      console.log(
        stdout
          .split('\n')
          .filter((l) => l.includes('trials '))
          .join('\n'),
      );
      expect(summary.failures).toEqual([]);
      expect(summary).toMatchObject({
        trials,
        wrongOutcomes: 0,
        hangs: 0,
        leakedWorkers: 0,
        settledOnce: summary.tasks,
      });
      expect(code).toBe(0);
    },
    LIMIT_MS + 60_000,
  );
});
