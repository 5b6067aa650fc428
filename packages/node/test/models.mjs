// Model factories of src/tfjs/fit.test.ts, built by the test and by every worker.

/** An MLP 16-32-4 with seeded initial weights, sparse categorical cross-entropy, Adam, accuracy. */
export function createMlp(tf) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [16],
        units: 32,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({
        units: 4,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
