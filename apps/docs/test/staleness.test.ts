// The committed reference data cannot go stale: a fresh smoke run of the study in Node must produce no workload,
// strategy or metric that a committed run of the Node study (apps/docs/data/node-quick and its repeats) lacks.
// Adding a workload, a strategy or a metric without regenerating the reference data fails here, with the command
// that regenerates it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resultNames, staleNames } from '../.vitepress/lib/staleness';

const docs = fileURLToPath(new URL('..', import.meta.url));
const repo = path.resolve(docs, '..', '..');
const studies = JSON.parse(readFileSync(path.join(docs, 'data', 'studies.json'), 'utf8')) as {
  id: string;
  command: string;
  repeatOf?: string;
}[];
/** The committed runs of the Node study: node-quick and its repeats. */
const nodeRuns = studies.filter((s) => s.id === 'node-quick' || s.repeatOf === 'node-quick');

describe('staleness of the reference data', () => {
  it('reports what a fresh run has and the committed data lacks (a synthetic registry with a new workload)', () => {
    const committed = resultNames([{ workload: 'dispatch', strategy: 'weft-latency', metrics: { ratioToFloor: 2 } }]);
    const fresh = resultNames([
      { workload: 'dispatch', strategy: 'weft-latency', metrics: { ratioToFloor: 2, p99: 3 } },
      { workload: 'pipeline', strategy: 'prefetch', metrics: {} },
    ]);
    assert.deepEqual(staleNames(fresh, committed), ['dispatch#p99', 'pipeline', 'pipeline/prefetch']);
    assert.deepEqual(staleNames(committed, committed), []);
  });

  it('every committed run of the Node study holds every workload, strategy and metric a fresh smoke run produces', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'weft-staleness-'));
    try {
      const json = path.join(scratch, 'node.json');
      const run = spawnSync(
        process.execPath,
        ['packages/bench/dist/cli.js', 'study', '--profile', 'smoke', '--json', json],
        { cwd: repo, encoding: 'utf8', timeout: 600_000 },
      );
      assert.ok(run.status === 0 || run.status === 1, `the smoke study did not run: ${run.stderr.slice(-2000)}`);
      const fresh = resultNames(JSON.parse(readFileSync(json, 'utf8')).cases);
      assert.ok(nodeRuns.length >= 3, `only ${nodeRuns.length} committed runs of the Node study`);
      for (const study of nodeRuns) {
        const committed = resultNames(
          JSON.parse(readFileSync(path.join(docs, 'data', study.id, 'node.json'), 'utf8')).cases,
        );
        assert.deepEqual(
          staleNames(fresh, committed),
          [],
          `apps/docs/data/${study.id} is older than the code: regenerate it (${study.command})`,
        );
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
