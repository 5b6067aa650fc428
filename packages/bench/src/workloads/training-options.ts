/** @module workloads/training-options — the option specs the training workloads (`train`, `fit`) share. */
import { everyProfile, type OptionSpec } from '../workload.js';

/** `--train-size`: how many of the 8,000 training digits a training workload uses. */
export function trainSizeOption() {
  return {
    name: 'train-size',
    kind: 'positive-int',
    description: 'training digits used (at most 8000)',
    defaults: { smoke: '384', quick: '8000', full: '8000' },
  } as const satisfies OptionSpec;
}

/** `--seed`: the seed of the initial weights and of `what` (the shuffles, the shard order). */
export function seedOption<const What extends string>(what: What) {
  return {
    name: 'seed',
    kind: 'positive-int',
    description: `seed of the weights and ${what}`,
    defaults: everyProfile('1'),
  } as const satisfies OptionSpec;
}
