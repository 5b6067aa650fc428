// A reference study built from cases, as the site's data loader would give it: one Node results file on a 2-core test
// machine, optionally a repeat of another study.
import { type CaseResult, type ResultsFile } from '@weft/core/study';
import { slim, type ReferenceStudy } from '../.vitepress/lib/reference';

/** The study `id` holding `cases` (Node, quick profile), a repeat of `repeatOf` when given. */
export function studyOf(id: string, cases: CaseResult[], repeatOf?: string): ReferenceStudy {
  const file: ResultsFile = {
    schema: 'weft-results',
    schemaVersion: 1,
    runId: id,
    createdAt: '2026-11-27T00:00:00.000Z',
    host: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 2 ** 34, os: 'Linux 6', arch: 'x64' },
    runtime: { name: 'node', version: '20.20.2' },
    versions: { '@tensorflow/tfjs-core': '4.22.0' },
    profile: 'quick',
    cases,
  };
  return {
    id,
    title: id,
    command: 'weft study',
    role: 'test',
    ...(repeatOf ? { repeatOf } : {}),
    manifest: {
      schema: 'weft-study',
      profile: 'quick',
      workloads: [],
      createdAt: file.createdAt,
      outcomes: [{ runtime: 'node', status: 'ok', wallMs: 1, results: 'node.json' }],
    },
    results: [slim(file)],
  };
}
