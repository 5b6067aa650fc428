/** @module workloads/pytorch-option — `--pytorch`: whether `train` and `fit` run PyTorch beside Weft's cases. */
import type { OptionSpec } from '../workload.js';

/**
 * `--pytorch on|off`: with `on` (quick and full), the training workloads add PyTorch on the CPU (one thread and every
 * core) with the same model, data, initial weights, epoch order and optimiser, and give every Weft case its ratio to
 * the faster of the two; where Python or torch is missing those cases are skipped with the install command.
 */
export function pytorchOption(): OptionSpec {
  return {
    name: 'pytorch',
    kind: 'string',
    description:
      'PyTorch on the CPU beside Weft (same model, data, weights, order): on or off; Python from $WEFT_PYTHON, else python3',
    choices: ['on', 'off'],
    defaults: { smoke: 'off', quick: 'on', full: 'on' },
  };
}

/** Whether the parsed options ask for PyTorch. */
export function wantsPytorch(options: Readonly<Record<string, unknown>>): boolean {
  return options['pytorch'] === 'on';
}
