/**
 * @module report/train-pytorch — the `train` workload's answer to "how close is Weft to PyTorch?": per model, batch
 * and tfjs backend, the fastest Weft case against PyTorch on one thread and on every core (same run, same weights,
 * data order and optimiser), with both test accuracies. Browser-safe (no Node imports).
 */
import type { CaseResult } from '@weft/core/study';
import { hasMetric, hasStrategy, isCaseOf, metricOf, parameterOf, type CaseOf } from '../model/vocabulary.js';

/** A case of `train`. */
type TrainCase = CaseOf<'train'>;
import { formatNumber } from './format.js';

const rateOf = (c: TrainCase): number => metricOf(c, 'samplesPerSecond');

/** `wasm, 2 worker-threads, shared` or `tensorflow main thread`. */
function weftText(c: TrainCase): string {
  if (hasStrategy(c, 'main-thread')) return `${c.backend} main thread`;
  return `${c.backend}, ${String(parameterOf(c, 'workers'))} ${String(parameterOf(c, 'pool') ?? 'workers')}, ${String(parameterOf(c, 'exchange'))}`;
}

/**
 * One sentence per model, batch and backend that ran beside PyTorch: the fastest Weft case, PyTorch's samples/s on
 * each thread count, the ratio to the faster one, and both accuracies.
 */
export function trainPytorchLines(cases: readonly CaseResult[]): string[] {
  const measured = cases.filter(
    (c): c is TrainCase => isCaseOf(c, 'train') && c.status === 'ok' && hasMetric(c, 'samplesPerSecond'),
  );
  const keyOf = (c: TrainCase, backend: string) =>
    `${String(parameterOf(c, 'model') ?? 'mlp')}, batch ${String(parameterOf(c, 'batch'))}, ${backend}`;
  const groups = new Map<string, { weft: TrainCase[]; torch: TrainCase[] }>();
  for (const c of measured) {
    const torch = hasStrategy(c, 'pytorch');
    const key = keyOf(c, torch ? String(parameterOf(c, 'beside')) : c.backend);
    const group = groups.get(key) ?? { weft: [], torch: [] };
    (torch ? group.torch : group.weft).push(c);
    groups.set(key, group);
  }
  return [...groups].flatMap(([key, { weft, torch }]) => {
    const best = weft.filter((c) => hasMetric(c, 'ratioToPytorch')).sort((a, b) => rateOf(b) - rateOf(a))[0];
    if (best === undefined || torch.length === 0) return [];
    const torchText = torch
      .sort((a, b) => Number(parameterOf(a, 'threads')) - Number(parameterOf(b, 'threads')))
      .map(
        (c) =>
          `${formatNumber(rateOf(c))} on ${String(parameterOf(c, 'threads'))} thread${parameterOf(c, 'threads') === 1 ? '' : 's'}`,
      )
      .join(', ');
    const accuracy = `test accuracy ${formatNumber(metricOf(best, 'testAccuracy'))} % against PyTorch's ${formatNumber(metricOf(best, 'pytorchTestAccuracy'))} %`;
    return [
      `**${key}**: best Weft ${weftText(best)} ${formatNumber(rateOf(best))} samples/s; PyTorch ${torchText}: ` +
        `Weft ÷ the faster PyTorch = **${formatNumber(metricOf(best, 'ratioToPytorch'))}×** (${accuracy}).`,
    ];
  });
}

/** The "Weft vs PyTorch" section of one runtime's `train` cases (markdown lines), or none without PyTorch cases. */
export function trainPytorchSection(cases: readonly CaseResult[]): string[] {
  const lines = trainPytorchLines(cases);
  return lines.length === 0 ? [] : ['#### Weft vs PyTorch', '', ...lines.flatMap((l) => [l, ''])];
}
