// ESLint for every package: typescript-eslint's recommended rules, plus the layering that keeps the code in shape.
// Imports run down the layers only (tests and fixtures may reach across, to wire real pieces together):
// - @weft/core is runtime-agnostic (no Node, worker_threads, web-worker or native tfjs) and imports no adapter;
//   the adapters (@weft/node, @weft/browser) never import the study (@weft/bench); @weft/browser imports no Node.
// - Inside @weft/bench, from the bottom: model/ (the study's data model: browser-safe) → process/ (child processes)
//   and data/ → workloads/ → report/ (browser-safe: the docs site renders it) → runners/ → the CLI. Nothing imports
//   a layer above its own. Import cycles are caught by scripts/import-cycles.mjs in each package's lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', '**/*.fixture.ts'];
const NODE_BUILTINS = [['node:*'], 'browser-safe code imports no Node built-ins.'];

/** Forbids the import patterns `restricted` (each `[globs, why]`) in `files`, tests and fixtures excepted. */
function layer(files, restricted) {
  const patterns = restricted.map(([group, message]) => ({ group, message }));
  return { files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

/** What the upper layers of @weft/bench are, as import globs from a folder one below `src/`. */
const above = (...folders) => folders.map((folder) => [[`../${folder}/*`, `../${folder}`], `imports run down the layers: nothing here may import ${folder}/ (see eslint.config.js)`]);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['packages/core/src/**/*.ts'],
    [
      [['node:*'], '@weft/core is runtime-agnostic: no Node built-ins (use platform.ts).'],
      [['worker_threads', 'web-worker', 'fs', 'path', 'os', 'http', 'https', 'url'], '@weft/core is runtime-agnostic.'],
      [['@tensorflow/*-node*', '@tensorflow/tfjs-backend-*'], 'core receives tfjs by injection; it never loads a backend.'],
      [['@weft/node', '@weft/node/*', '@weft/browser', '@weft/browser/*', '@weft/bench', '@weft/bench/*'], 'core is below the adapters and the study.'],
    ],
  ),
  layer(['packages/node/src/**/*.ts'], [[['@weft/bench', '@weft/bench/*', '@weft/browser', '@weft/browser/*'], 'an adapter imports only @weft/core.']]),
  layer(['packages/browser/src/**/*.ts'], [NODE_BUILTINS, [['@weft/bench', '@weft/bench/*', '@weft/node', '@weft/node/*'], 'an adapter imports only @weft/core.']]),
  layer(['packages/bench/src/model/**/*.ts'], [NODE_BUILTINS, ...above('process', 'data', 'workloads', 'report', 'runners')]),
  layer(['packages/bench/src/process/**/*.ts', 'packages/bench/src/data/**/*.ts'], above('workloads', 'report', 'runners')),
  layer(['packages/bench/src/workloads/**/*.ts'], above('report', 'runners')),
  layer(['packages/bench/src/report/**/*.ts'], [NODE_BUILTINS, ...above('process', 'runners'), [['@weft/node', '@weft/node/*', '@weft/browser', '@weft/browser/*'], 'the report is browser-safe data rendering.']]),
);
