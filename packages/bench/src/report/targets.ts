/**
 * @module report/targets — the study's performance targets, checked per runtime from the same run's numbers:
 * Weft's dispatch against the fastest alternative in that runtime, the wasm training speed-up on 2 workers, Weft's
 * training speed against PyTorch in the same run, and the share of the theoretical fp32 peak that wasm and tfjs-node
 * reach on matMul 1024.
 */
import type { CaseResult } from '@weft/core/study';
import type { MultiRuntimeStudy } from '../model/study.js';
import type { StudyRuntime } from '../model/study.js';
import { hasMetric, hasStrategy, isCaseOf, metricOf, parameterOf, type CaseOf } from '../model/vocabulary.js';
import { formatNumber } from './format.js';
import { row } from './markdown-row.js';

/** One target's verdict in one runtime. */
export interface TargetCell {
  /** The best measured value, or undefined when the runtime has no such case. */
  readonly value?: number;
  /** Which case gave it (strategy and the parameter that matters). */
  readonly from?: string;
  readonly met?: boolean;
}

/** A target and its verdict per runtime. */
export interface TargetRow {
  readonly target: string;
  readonly threshold: number;
  readonly cells: readonly TargetCell[];
}

interface TargetSpec {
  readonly target: string;
  readonly threshold: number;
  /** The value this case contributes, if it counts for the target. */
  readonly value: (c: CaseResult) => { value: number; from: string } | undefined;
}

/** `tensorflow main thread` or `wasm, 2 worker-threads shared`: which train case gave a value. */
function trainCaseText(c: CaseOf<'train'>): string {
  if (hasStrategy(c, 'main-thread')) return `${c.backend} main thread`;
  return `${c.backend}, ${String(parameterOf(c, 'workers'))} ${String(parameterOf(c, 'pool') ?? 'workers')} ${String(parameterOf(c, 'exchange'))}`;
}

const TARGETS: readonly TargetSpec[] = [
  {
    target: 'dispatch: Weft ≥ 1.0× the fastest alternative (tasks/s)',
    threshold: 1,
    value: (c) =>
      isCaseOf(c, 'dispatch') && c.strategy.startsWith('weft') && hasMetric(c, 'ratioToBestPeer')
        ? { value: metricOf(c, 'ratioToBestPeer'), from: c.strategy.replace(/-throughput$/, '') }
        : undefined,
  },
  {
    target: 'train: wasm, 2 workers, MLP ≥ 1.8× the main thread',
    threshold: 1.8,
    value: (c) =>
      isCaseOf(c, 'train') &&
      c.backend === 'wasm' &&
      parameterOf(c, 'workers') === 2 &&
      (parameterOf(c, 'model') ?? 'mlp') === 'mlp' &&
      !hasStrategy(c, 'main-thread') &&
      hasMetric(c, 'speedup')
        ? {
            value: metricOf(c, 'speedup'),
            from: `${String(parameterOf(c, 'pool') ?? c.strategy)} ${String(parameterOf(c, 'exchange'))}`,
          }
        : undefined,
  },
  ...(
    [
      ['speedupOverMain', 1.5, 'the main thread with 1 thread'],
      ['speedupOverBestMain', 1.2, 'the best single process'],
    ] as const
  ).map(([metric, threshold, what]): TargetSpec => ({
    target: `oversubscription: tensorflow, 2 processes × 1 thread ≥ ${threshold}× ${what}`,
    threshold,
    value: (c) =>
      isCaseOf(c, 'oversubscription') &&
      c.backend === 'tensorflow' &&
      parameterOf(c, 'pool') === 'processes' &&
      parameterOf(c, 'workers') === 2 &&
      parameterOf(c, 'threads') === 1 &&
      hasMetric(c, metric)
        ? { value: metricOf(c, metric), from: `batch ${String(parameterOf(c, 'batch'))}` }
        : undefined,
  })),
  ...(['mlp', 'cnn'] as const).map((model): TargetSpec => ({
    target: `fit: Weft fit() on the ${model.toUpperCase()}, tensorflow, best pool ≥ 1.2× tfjs-node model.fit`,
    threshold: 1.2,
    value: (c) =>
      isCaseOf(c, 'fit') &&
      hasStrategy(c, 'weft-fit') &&
      c.backend === 'tensorflow' &&
      parameterOf(c, 'model') === model &&
      hasMetric(c, 'ratioToModelFit')
        ? {
            value: metricOf(c, 'ratioToModelFit'),
            from:
              parameterOf(c, 'workers') === 0
                ? 'main thread'
                : `${String(parameterOf(c, 'workers'))} ${String(parameterOf(c, 'pool'))}`,
          }
        : undefined,
  })),
  {
    target: "fit: Weft's best training configuration ≥ 1.0× plain tfjs-node model.fit (samples/s)",
    threshold: 1,
    value: (c) =>
      isCaseOf(c, 'fit') && !hasStrategy(c, 'model-fit') && hasMetric(c, 'ratioToModelFit')
        ? {
            value: metricOf(c, 'ratioToModelFit'),
            from: `${c.backend}, ${parameterOf(c, 'workers') === 0 ? 'main thread' : `${String(parameterOf(c, 'workers'))} workers`}`,
          }
        : undefined,
  },
  ...(
    [
      [128, 0.8],
      [512, 1],
    ] as const
  ).map(([batch, threshold]): TargetSpec => ({
    target: `train: best Weft MLP configuration ≥ ${threshold}× PyTorch (faster thread count), batch ${batch}`,
    threshold,
    value: (c) =>
      isCaseOf(c, 'train') &&
      parameterOf(c, 'model') === 'mlp' &&
      parameterOf(c, 'batch') === batch &&
      hasMetric(c, 'ratioToPytorch')
        ? { value: metricOf(c, 'ratioToPytorch'), from: trainCaseText(c) }
        : undefined,
  })),
  {
    target: 'train: wasm, 2 workers, MLP, batch 128 ≥ 0.4× PyTorch',
    threshold: 0.4,
    value: (c) =>
      isCaseOf(c, 'train') &&
      c.backend === 'wasm' &&
      parameterOf(c, 'model') === 'mlp' &&
      parameterOf(c, 'workers') === 2 &&
      parameterOf(c, 'batch') === 128 &&
      !hasStrategy(c, 'main-thread') &&
      hasMetric(c, 'ratioToPytorch')
        ? { value: metricOf(c, 'ratioToPytorch'), from: trainCaseText(c) }
        : undefined,
  },
  ...(['wasm', 'tensorflow'] as const).map((backend): TargetSpec => ({
    target: `backends: ${backend} matMul 1024 ≥ 0.5× the ${backend === 'wasm' ? 'one-core' : 'all-core'} fp32 peak`,
    threshold: 0.5,
    value: (c) =>
      isCaseOf(c, 'backends') &&
      c.backend === backend &&
      hasStrategy(c, 'matMul') &&
      parameterOf(c, 'n') === 1024 &&
      hasMetric(c, 'peakFraction')
        ? { value: metricOf(c, 'peakFraction'), from: `${formatNumber(metricOf(c, 'gflops'))} GFLOP/s` }
        : undefined,
  })),
];

/** Checks every target in every runtime that ran (best case of each runtime). */
export function checkTargets(study: MultiRuntimeStudy): { runtimes: StudyRuntime[]; rows: TargetRow[] } {
  const runtimes = study.outcomes.map((o) => o.runtime);
  const rows = TARGETS.map((spec) => ({
    target: spec.target,
    threshold: spec.threshold,
    cells: study.outcomes.map((o): TargetCell => {
      if (o.status !== 'ok') return {};
      let best: { value: number; from: string } | undefined;
      for (const c of o.results.cases) {
        if (c.status !== 'ok') continue;
        const v = spec.value(c);
        if (v && (best === undefined || v.value > best.value)) best = v;
      }
      return best ? { value: best.value, from: best.from, met: best.value >= spec.threshold } : {};
    }),
  }));
  return { runtimes, rows };
}

/** A verdict as text: `1.83× ✓ (data-parallel shared)`, or `—` without such a case. */
export function targetText(cell: TargetCell): string {
  if (cell.value === undefined) return '—';
  return `${formatNumber(cell.value)}× ${cell.met ? '✓' : '✗'} (${cell.from ?? ''})`;
}

/** The targets as a markdown table (a column per runtime). */
export function targetsMarkdown(study: MultiRuntimeStudy): string {
  const { runtimes, rows } = checkTargets(study);
  return [
    row(['target', ...runtimes]),
    row(['---', ...runtimes.map(() => '---')]),
    ...rows.map((r) => row([r.target, ...r.cells.map(targetText)])),
  ].join('\n');
}
