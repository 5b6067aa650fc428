/** @module workloads/fit-options — the options of the `fit` workload, typed for its definition and its run. */
import { everyProfile, type OptionSpec, type TypedContext } from '../workload.js';
import { MNIST_MODELS } from './mnist-models.js';
import { poolsOption } from './pool-option.js';
import { pytorchOption, pytorchThreadsOption } from './pytorch-option.js';
import { seedOption, trainSizeOption } from './training-options.js';

/** The Weft configurations `--weft` may name: backend, then `main` (main thread) or a worker count. */
export const WEFT_FIT_CONFIGS: readonly string[] = [
  'wasm-main',
  'wasm-1',
  'wasm-2',
  'wasm-4',
  'tensorflow-main',
  'tensorflow-1',
  'tensorflow-2',
  'tensorflow-4',
];

/** The options of `fit`. */
export const FIT_OPTIONS = [
  {
    name: 'model',
    kind: 'string-list',
    description: 'models to train: mlp, cnn',
    choices: MNIST_MODELS,
    defaults: { smoke: 'mlp', quick: 'mlp,cnn', full: 'mlp,cnn' },
  },
  {
    name: 'weft',
    kind: 'string-list',
    description: 'Weft configurations: backend-main (main thread) or backend-N (N workers)',
    choices: WEFT_FIT_CONFIGS,
    defaults: {
      smoke: 'wasm-2,tensorflow-main',
      quick: 'wasm-2,tensorflow-main,tensorflow-2',
      full: 'wasm-2,wasm-4,tensorflow-main,tensorflow-1,tensorflow-2',
    },
  },
  {
    name: 'epochs',
    kind: 'positive-int',
    description: 'timed epochs per contestant',
    defaults: { smoke: '1', quick: '5', full: '8' },
  },
  {
    name: 'batch',
    kind: 'positive-int',
    description: "global batch size (also the loader's shard size)",
    defaults: { smoke: '128', quick: '512', full: '512' },
  },
  {
    name: 'prefetch',
    kind: 'positive-int',
    description: "shards Weft's loader keeps ahead of the trainer",
    defaults: everyProfile('4'),
  },
  trainSizeOption(),
  seedOption('the shard order'),
  poolsOption(false),
  pytorchOption(),
  pytorchThreadsOption(),
] as const satisfies readonly OptionSpec[];

/** The context `fit` runs with. */
export type FitContext = TypedContext<typeof FIT_OPTIONS>;
