// ESLint for every package: typescript-eslint's recommended rules, plus the boundary that keeps @weft/core
// runtime-agnostic (no Node, worker_threads, web-worker or native tfjs imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: '@weft/core is runtime-agnostic: no Node built-ins (use platform.ts).' },
            { group: ['worker_threads', 'web-worker', 'fs', 'path', 'os', 'http', 'https', 'url'], message: '@weft/core is runtime-agnostic.' },
            { group: ['@tensorflow/*-node*', '@tensorflow/tfjs-backend-*'], message: 'core receives tfjs by injection; it never loads a backend.' },
          ],
        },
      ],
    },
  },
);
