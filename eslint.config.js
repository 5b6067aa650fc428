// ESLint for every package: typescript-eslint's type-checked recommended rules on the packages' TypeScript (each file
// checked with its own tsconfig: library, worker entry, tests), plus the layering that keeps the code in shape.
// Imports run down the layers only (tests and fixtures may reach across, to wire real pieces together):
// - @weft/core is runtime-agnostic (no Node, worker_threads, web-worker or native tfjs) and imports no adapter;
//   the adapters (@weft/node, @weft/browser) never import the study (@weft/bench); @weft/browser imports no Node.
// - Inside @weft/bench, from the bottom: model/ (the study's data model: browser-safe) → process/ (child processes)
//   and data/ → workloads/ → hosts/ (what each runtime gives the workloads) → report/ (browser-safe: the docs site
//   renders it) → runners/ → the CLI. Nothing imports a layer above its own. The runtime-neutral workloads and the
//   Chromium page import no Node. Import cycles are caught by scripts/import-cycles.mjs in each package's lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', '**/*.fixture.ts'];
/** Every tsconfig that owns some of the packages' files (the type-checked rules need each file's own program). */
const TSCONFIGS = [
  'packages/core/tsconfig.test.json',
  'packages/node/tsconfig.json',
  'packages/browser/tsconfig.test.json',
  'packages/browser/tsconfig.worker.json',
  'packages/bench/tsconfig.json',
  'packages/cluster/tsconfig.json',
];
const NODE_BUILTINS = [['node:*'], 'browser-safe code imports no Node built-ins.'];
const NODE_ADAPTER = [['@weft/node', '@weft/node/*'], 'browser-safe code imports no Node adapter.'];
/** The workloads (and their shared parts) that run in every runtime, the Chromium page included. */
const NEUTRAL_WORKLOADS = [
  ...[
    'host',
    'cores',
    'pool-timing',
    'transfer-moves',
    'transfer',
    'dispatch',
    'dispatch-task',
    'load',
    'shard-decode',
    'train',
    'spec-trainer',
    'epoch-trainer',
    'mnist-models',
    'pool-option',
    'train-pool',
    'backends',
    'backends-measure',
    'backends-phases',
    'backends-flops',
    'backends-ops',
    'pytorch-option',
    'training-options',
  ].map((name) => `packages/bench/src/workloads/${name}.ts`),
  ...['data/shard-codec', 'data/mnist-shape', 'harness', 'workload'].map((name) => `packages/bench/src/${name}.ts`),
];

/** Forbids the import patterns `restricted` (each `[globs, why]`) in `files`, tests and fixtures excepted. */
function layer(files, restricted) {
  const patterns = restricted.map(([group, message]) => ({ group, message }));
  return { files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

/** What the upper layers of @weft/bench are, as import globs from any folder below `src/`. */
const above = (...folders) =>
  folders.map((folder) => [
    [`../${folder}/*`, `../${folder}`, `../../${folder}/*`, `../../../${folder}/*`],
    `imports run down the layers: nothing here may import ${folder}/ (see eslint.config.js)`,
  ]);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'],
  })),
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'],
    languageOptions: { parserOptions: { project: TSCONFIGS, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An executor or source rejects with the caller's abort reason, whatever it is (as fetch and AbortSignal do).
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON and spy on methods: `any` from JSON.parse and unbound method references are the norm there.
    files: TESTS.concat('packages/*/test/**/*.ts'),
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  layer(
    ['packages/core/src/**/*.ts'],
    [
      [['node:*'], '@weft/core is runtime-agnostic: no Node built-ins (use platform.ts).'],
      [['worker_threads', 'web-worker', 'fs', 'path', 'os', 'http', 'https', 'url'], '@weft/core is runtime-agnostic.'],
      [
        ['@tensorflow/*-node*', '@tensorflow/tfjs-backend-*'],
        'core receives tfjs by injection; it never loads a backend.',
      ],
      [
        ['@weft/node', '@weft/node/*', '@weft/browser', '@weft/browser/*', '@weft/bench', '@weft/bench/*'],
        'core is below the adapters and the study.',
      ],
    ],
  ),
  layer(
    ['packages/node/src/**/*.ts'],
    [[['@weft/bench', '@weft/bench/*', '@weft/browser', '@weft/browser/*'], 'an adapter imports only @weft/core.']],
  ),
  layer(
    ['packages/cluster/src/**/*.ts'],
    [
      [
        ['@weft/bench', '@weft/bench/*', '@weft/browser', '@weft/browser/*'],
        'the cluster runs on @weft/core and @weft/node.',
      ],
    ],
  ),
  layer(
    ['packages/browser/src/**/*.ts'],
    [
      NODE_BUILTINS,
      [['@weft/bench', '@weft/bench/*', '@weft/node', '@weft/node/*'], 'an adapter imports only @weft/core.'],
    ],
  ),
  layer(
    ['packages/bench/src/model/**/*.ts'],
    [NODE_BUILTINS, ...above('process', 'data', 'workloads', 'report', 'runners')],
  ),
  layer(
    ['packages/bench/src/process/**/*.ts', 'packages/bench/src/data/**/*.ts'],
    above('workloads', 'report', 'runners'),
  ),
  layer(['packages/bench/src/workloads/**/*.ts'], above('hosts', 'report', 'runners')),
  // The runtime-neutral workloads and what they share run in the Chromium page too: no Node, no Node adapter.
  layer(NEUTRAL_WORKLOADS, [NODE_BUILTINS, NODE_ADAPTER, ...above('hosts', 'report', 'runners')]),
  layer(['packages/bench/src/hosts/**/*.ts'], above('report', 'runners')),
  layer(['packages/bench/src/runners/browser/**/*.ts'], [NODE_BUILTINS, NODE_ADAPTER]),
  layer(
    ['packages/bench/src/report/**/*.ts'],
    [
      NODE_BUILTINS,
      ...above('process', 'runners'),
      [
        ['@weft/node', '@weft/node/*', '@weft/browser', '@weft/browser/*'],
        'the report is browser-safe data rendering.',
      ],
    ],
  ),
);
