/**
 * @module workloads/pytorch-option — `--pytorch`: whether `train` and `fit` run PyTorch beside Weft's cases, and
 * `--pytorch-threads`: on how many intra-op threads.
 */
import { everyProfile, type OptionSpec } from '../workload.js';
import { availableCores } from './cores.js';

/**
 * `--pytorch on|off`: with `on` (quick and full), the training workloads add PyTorch on the CPU (on each count of
 * `--pytorch-threads`) with the same model, data, initial weights, epoch order and optimiser, and give every Weft case its ratio to
 * the faster of the two; where Python or torch is missing those cases are skipped with the install command.
 */
export function pytorchOption() {
  return {
    name: 'pytorch',
    kind: 'string',
    description:
      'PyTorch on the CPU beside Weft (same model, data, weights, order): on or off; Python from $WEFT_PYTHON, else python3',
    choices: ['on', 'off'],
    defaults: { smoke: 'off', quick: 'on', full: 'on' },
  } as const satisfies OptionSpec;
}

/** Whether the parsed options ask for PyTorch. */
export function wantsPytorch(options: { readonly pytorch: 'on' | 'off' }): boolean {
  return options.pytorch === 'on';
}

/**
 * `--pytorch-threads`: PyTorch's intra-op thread counts (`torch.set_num_threads`), one case each. The default is one
 * thread and every core: a multi-threaded PyTorch collapses when a neighbour takes a core, so its one-thread figure is
 * reported beside it.
 */
export function pytorchThreadsOption() {
  return {
    name: 'pytorch-threads',
    kind: 'int-list',
    description: "PyTorch's intra-op thread counts (one case each); with --pytorch on",
    defaults: everyProfile(`1,${availableCores()}`),
  } as const satisfies OptionSpec;
}

/** The PyTorch thread counts the parsed options ask for, each once, in the order given. */
export function pytorchThreads(options: { readonly 'pytorch-threads': readonly number[] }): readonly number[] {
  return [...new Set(options['pytorch-threads'])];
}
