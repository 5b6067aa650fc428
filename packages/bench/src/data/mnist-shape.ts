/** @module data/mnist-shape — the shape of an MNIST digit, its classes, and the first rows of a split (browser-safe). */
import type { LabelledData } from '@weft/core';

/** Pixels per MNIST digit (28 × 28). */
export const MNIST_FEATURES = 784;

/** Classes: the digits 0–9. */
export const MNIST_CLASSES = 10;

/** The first `rows` rows of `data` (views, not copies). */
export function sliceRows(data: LabelledData, rows: number): LabelledData {
  const n = Math.min(rows, data.rows);
  return {
    x: data.x.subarray(0, n * data.features),
    labels: data.labels.subarray(0, n),
    rows: n,
    features: data.features,
  };
}
