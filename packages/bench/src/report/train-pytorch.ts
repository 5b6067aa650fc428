/**
 * @module report/train-pytorch — the `train` workload's answer to "how close is Weft to PyTorch?": per model, batch
 * and tfjs backend, the fastest Weft case against PyTorch on one thread and on every core (same run, same weights,
 * data order and optimiser), with both test accuracies. Browser-safe (no Node imports).
 */
import type { CaseResult } from '@weft/core/study';
import { formatNumber } from './format.js';

const rateOf = (c: CaseResult): number => c.metrics['samplesPerSecond'] as number;

/** `wasm, 2 worker-threads, shared` or `tensorflow main thread`. */
function weftText(c: CaseResult): string {
  if (c.strategy === 'main-thread') return `${c.backend} main thread`;
  return `${c.backend}, ${String(c.parameters['workers'])} ${String(c.parameters['pool'] ?? 'workers')}, ${String(c.parameters['exchange'])}`;
}

/**
 * One sentence per model, batch and backend that ran beside PyTorch: the fastest Weft case, PyTorch's samples/s on
 * each thread count, the ratio to the faster one, and both accuracies.
 */
export function trainPytorchLines(cases: readonly CaseResult[]): string[] {
  const measured = cases.filter(
    (c) => c.workload === 'train' && c.status === 'ok' && c.metrics['samplesPerSecond'] !== undefined,
  );
  const keyOf = (c: CaseResult, backend: string) =>
    `${String(c.parameters['model'] ?? 'mlp')}, batch ${String(c.parameters['batch'])}, ${backend}`;
  const groups = new Map<string, { weft: CaseResult[]; torch: CaseResult[] }>();
  for (const c of measured) {
    const torch = c.strategy === 'pytorch';
    const key = keyOf(c, torch ? String(c.parameters['beside']) : c.backend);
    const group = groups.get(key) ?? { weft: [], torch: [] };
    (torch ? group.torch : group.weft).push(c);
    groups.set(key, group);
  }
  return [...groups].flatMap(([key, { weft, torch }]) => {
    const best = weft.filter((c) => c.metrics['ratioToPytorch'] !== undefined).sort((a, b) => rateOf(b) - rateOf(a))[0];
    if (best === undefined || torch.length === 0) return [];
    const torchText = torch
      .sort((a, b) => Number(a.parameters['threads']) - Number(b.parameters['threads']))
      .map(
        (c) =>
          `${formatNumber(rateOf(c))} on ${String(c.parameters['threads'])} thread${c.parameters['threads'] === 1 ? '' : 's'}`,
      )
      .join(', ');
    const accuracy = `test accuracy ${formatNumber(best.metrics['testAccuracy'] ?? 0)} % against PyTorch's ${formatNumber(best.metrics['pytorchTestAccuracy'] ?? 0)} %`;
    return [
      `**${key}**: best Weft ${weftText(best)} ${formatNumber(rateOf(best))} samples/s; PyTorch ${torchText}: ` +
        `Weft ÷ the faster PyTorch = **${formatNumber(best.metrics['ratioToPytorch'] as number)}×** (${accuracy}).`,
    ];
  });
}

/** The "Weft vs PyTorch" section of one runtime's `train` cases (markdown lines), or none without PyTorch cases. */
export function trainPytorchSection(cases: readonly CaseResult[]): string[] {
  const lines = trainPytorchLines(cases);
  return lines.length === 0 ? [] : ['#### Weft vs PyTorch', '', ...lines.flatMap((l) => [l, ''])];
}
