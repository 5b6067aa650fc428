/** @module data/mnist-shape — the shape of an MNIST digit and its classes (browser-safe). */

/** Pixels per MNIST digit (28 × 28). */
export const MNIST_FEATURES = 784;

/** Classes: the digits 0–9. */
export const MNIST_CLASSES = 10;
