import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { okCase } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import type { StudyManifest } from '../model/study.js';
import { renderStudyBody, studyOfResults } from './index.js';
import { resultsOf } from './study.fixture.js';

const results = (runtime: 'node' | 'deno', median: number) =>
  resultsOf(runtime, [
    okCase({ workload: 'transfer', strategy: 'clone', parameters: { bytes: 1024 }, unit: 'us', samples: [median] }),
  ]);

describe('studyOfResults', () => {
  it('makes each results file one ok runtime when there is no manifest', () => {
    const study = studyOfResults([results('node', 10), results('deno', 30)]);
    expect(study.outcomes.map((o) => `${o.runtime}:${o.status}`)).toEqual(['node:ok', 'deno:ok']);
    expect(study.workloads).toEqual(['transfer']);
    expect(renderStudyBody(study)).toContain('3× as long as node');
    // Without a manifest the wall time is unknown: the outcome says so by leaving it out, not as "ok in 0 s".
    expect(renderStudyBody(study)).toContain('<td class="ok">ok, 1 cases (1 ok)</td>');
  });

  it('follows the manifest: missing runtimes keep their reason, an ok runtime without its file is failed', () => {
    const manifest: StudyManifest = {
      schema: 'weft-study',
      profile: 'smoke',
      workloads: ['transfer'],
      createdAt: '2026-11-27T00:00:00.000Z',
      outcomes: [
        { runtime: 'node', status: 'ok', version: '20.20.2', wallMs: 1000, results: 'node.json' },
        { runtime: 'bun', status: 'missing', reason: 'bun is not installed', install: 'npm i bun', wallMs: 1 },
        { runtime: 'deno', status: 'ok', version: '2.9.6', wallMs: 1000, results: 'deno.json' },
      ],
    };
    const study = studyOfResults([], manifest, new Map([['node.json', results('node', 10)]]));
    expect(study.outcomes.map((o) => o.status)).toEqual(['ok', 'missing', 'failed']);
    const deno = study.outcomes[2];
    expect(deno?.status === 'failed' && deno.reason).toBe('its results file deno.json was not given');
  });
});

describe('the @weft/bench/report entry', () => {
  it('reaches no Node built-in through its value imports, so it runs in a browser', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[1] as string;
        if (spec.startsWith('node:') || ['fs', 'path', 'os', 'worker_threads', 'child_process'].includes(spec))
          offenders.push(`${path.basename(file)} imports ${spec}`);
        else if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(path.join(here, 'index.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
