// Model factories of src/tfjs/fit.test.ts, built by the test and by every worker.

/** An MLP 16-32-4, sparse categorical cross-entropy, Adam, accuracy. */
export function createMlp(tf) {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu' }), tf.layers.dense({ units: 4, activation: 'softmax' })],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
