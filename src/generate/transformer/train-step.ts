import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle does not register gradients; the tfjs-layers bundle registers all of them.
import '@tensorflow/tfjs-layers';
import type { GptModel } from './model.js';

/** A padded batch: inputs [b, t], targets and loss weights [b*t]. */
export interface TrainBatch {
  inputs: tf.Tensor2D;
  targets: tf.Tensor1D;
  weights: tf.Tensor1D;
}

/**
 * Builds a batch from token sequences: input = seq[:-1], target = seq[1:]; only positions that
 * predict text (from the last prompt token on) count, padding does not.
 */
export function makeBatch(seqs: readonly number[][], promptLength: number, padId: number): TrainBatch {
  const t = Math.max(...seqs.map((s) => s.length)) - 1;
  const b = seqs.length;
  const inputs = new Int32Array(b * t).fill(padId);
  const targets = new Int32Array(b * t).fill(padId);
  const weights = new Float32Array(b * t);
  seqs.forEach((s, i) => {
    for (let j = 0; j < s.length - 1; j++) {
      inputs[i * t + j] = s[j] ?? padId;
      targets[i * t + j] = s[j + 1] ?? padId;
      if (j >= promptLength - 1) weights[i * t + j] = 1;
    }
  });
  return {
    inputs: tf.tensor2d(inputs, [b, t], 'int32'),
    targets: tf.tensor1d(targets, 'int32'),
    weights: tf.tensor1d(weights, 'float32'),
  };
}

export function disposeBatch(batch: TrainBatch): void {
  tf.dispose([batch.inputs, batch.targets, batch.weights]);
}

/** Mean cross-entropy (nats per text token) of a batch. */
export function batchLoss(model: GptModel, batch: TrainBatch): tf.Scalar {
  const { hidden } = model.forwardHidden(batch.inputs);
  const logp = tf.logSoftmax(model.logits(hidden, true));
  const oh = tf.cast(tf.oneHot(batch.targets, model.config.vocabSize, 1, 0, 'int32'), 'float32');
  const nll = tf.neg(tf.sum(tf.mul(oh, logp), 1));
  return tf.div(tf.sum(tf.mul(nll, batch.weights)), tf.maximum(tf.sum(batch.weights), 1)) as tf.Scalar;
}

/** One optimiser step with global-norm gradient clipping; returns the loss. */
export function trainStep(model: GptModel, optimizer: tf.Optimizer, batch: TrainBatch, clipNorm = 1): number {
  const vars = model.namedWeights().map((w) => w.tensor);
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => batchLoss(model, batch), vars);
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n] as tf.Tensor)))));
    const factor = tf.minimum(1, tf.div(clipNorm, tf.add(norm, 1e-6)));
    const clipped: tf.NamedTensorMap = {};
    for (const n of names) clipped[n] = tf.mul(grads[n] as tf.Tensor, factor);
    optimizer.applyGradients(clipped);
    return value;
  });
  const v = loss.dataSync()[0] ?? NaN;
  loss.dispose();
  return v;
}

/** Sets the learning rate of a tfjs optimiser (the field is not public in its typings). */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}
