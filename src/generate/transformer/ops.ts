import * as tf from '@tensorflow/tfjs-core';

/**
 * Ops with hand-written gradients so that every matMul is a plain 2-D one (the fast XNNPACK path
 * on wasm) and the embedding gradient avoids UnsortedSegmentSum, which wasm lacks.
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, w2, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x2, w2]);
    return {
      value: tf.matMul(x2, w2),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dy2 = dy as tf.Tensor2D;
        return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy2)];
      },
    };
  });
  const y = f(x, w) as tf.Tensor2D;
  return b ? tf.add(y, b) : y;
}

/** Row lookup table[ids] whose gradient is oneHot(ids)^T . dy (int32 oneHot, then cast). */
export function embed(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const vocab = table.shape[0];
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.gather(args[0] as tf.Tensor2D, ids),
    gradFunc: (dy: tf.Tensor) => {
      const oh = tf.cast(tf.oneHot(ids, vocab, 1, 0, 'int32'), 'float32') as tf.Tensor2D;
      return tf.matMul(tf.transpose(oh), dy as tf.Tensor2D);
    },
  }));
  return f(table) as tf.Tensor2D;
}

export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

/** GELU as x * sigmoid(1.702 x): tanh is slow on wasm. */
export function gelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
}

/** Additive causal mask [t, t]: 0 on and below the diagonal, -1e9 above. */
export function causalMask(t: number): tf.Tensor2D {
  return tf.tidy(() => {
    const lower = tf.linalg.bandPart(tf.ones([t, t]), -1, 0);
    return tf.mul(tf.sub(1, lower), -1e9) as tf.Tensor2D;
  });
}
