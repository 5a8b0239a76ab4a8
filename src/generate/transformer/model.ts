import * as tf from '@tensorflow/tfjs-core';
import { causalMask, dense, embed, gelu, layerNorm } from './ops.js';

/** Shape of the decoder-only Transformer. */
export interface GptConfig {
  vocabSize: number;
  dModel: number;
  nHeads: number;
  nLayers: number;
  dFf: number;
  /** Longest sequence (prompt + generated tokens). */
  maxLen: number;
}

export interface LayerWeights {
  ln1g: tf.Variable;
  ln1b: tf.Variable;
  wqkv: tf.Variable;
  bqkv: tf.Variable;
  wo: tf.Variable;
  bo: tf.Variable;
  ln2g: tf.Variable;
  ln2b: tf.Variable;
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
}

/** KV cache: per layer, keys and values [batch, heads, time, headDim]. */
export type KvCache = { k: tf.Tensor4D; v: tf.Tensor4D }[];

/**
 * GPT-style decoder with its own weights (tf.Variables) and forward pass: pre-LayerNorm blocks,
 * learned positions, output projection tied to the token embedding.
 */
export class GptModel {
  readonly config: GptConfig;
  readonly tokEmb: tf.Variable;
  readonly posEmb: tf.Variable;
  readonly layers: LayerWeights[];
  readonly lnfG: tf.Variable;
  readonly lnfB: tf.Variable;
  /** tokEmb^T kept for inference so the logits matMul is untransposed; refreshed by syncInference(). */
  private outW: tf.Tensor2D | undefined;

  constructor(config: GptConfig, weights?: Map<string, tf.Tensor>, seed = 1) {
    this.config = config;
    const { vocabSize: v, dModel: d, dFf: f, maxLen } = config;
    let s = seed;
    const init = (
      name: string,
      shape: number[],
      kind: 'normal' | 'zeros' | 'ones',
      std = 0.02,
    ): tf.Variable => {
      const given = weights?.get(name);
      if (given) return tf.variable(given, true, `${name}_${s++}_${Math.random()}`);
      const t =
        kind === 'zeros'
          ? tf.zeros(shape)
          : kind === 'ones'
            ? tf.ones(shape)
            : tf.randomNormal(shape, 0, std, 'float32', s++);
      const variable = tf.variable(t, true, `${name}_${s}_${Math.random()}`);
      t.dispose();
      return variable;
    };
    this.tokEmb = init('tok_emb', [v, d], 'normal');
    this.posEmb = init('pos_emb', [maxLen, d], 'normal', 0.01);
    const projStd = 0.02 / Math.sqrt(2 * config.nLayers);
    this.layers = [];
    for (let i = 0; i < config.nLayers; i++) {
      const p = `layer${i}/`;
      this.layers.push({
        ln1g: init(`${p}ln1_g`, [d], 'ones'),
        ln1b: init(`${p}ln1_b`, [d], 'zeros'),
        wqkv: init(`${p}wqkv`, [d, 3 * d], 'normal'),
        bqkv: init(`${p}bqkv`, [3 * d], 'zeros'),
        wo: init(`${p}wo`, [d, d], 'normal', projStd),
        bo: init(`${p}bo`, [d], 'zeros'),
        ln2g: init(`${p}ln2_g`, [d], 'ones'),
        ln2b: init(`${p}ln2_b`, [d], 'zeros'),
        w1: init(`${p}w1`, [d, f], 'normal'),
        b1: init(`${p}b1`, [f], 'zeros'),
        w2: init(`${p}w2`, [f, d], 'normal', projStd),
        b2: init(`${p}b2`, [d], 'zeros'),
      });
    }
    this.lnfG = init('lnf_g', [d], 'ones');
    this.lnfB = init('lnf_b', [d], 'zeros');
  }

  /** Named weights in a stable order (the order they are saved in). */
  namedWeights(): { name: string; tensor: tf.Variable }[] {
    const out = [
      { name: 'tok_emb', tensor: this.tokEmb },
      { name: 'pos_emb', tensor: this.posEmb },
    ];
    this.layers.forEach((l, i) => {
      const p = `layer${i}/`;
      out.push(
        { name: `${p}ln1_g`, tensor: l.ln1g },
        { name: `${p}ln1_b`, tensor: l.ln1b },
        { name: `${p}wqkv`, tensor: l.wqkv },
        { name: `${p}bqkv`, tensor: l.bqkv },
        { name: `${p}wo`, tensor: l.wo },
        { name: `${p}bo`, tensor: l.bo },
        { name: `${p}ln2_g`, tensor: l.ln2g },
        { name: `${p}ln2_b`, tensor: l.ln2b },
        { name: `${p}w1`, tensor: l.w1 },
        { name: `${p}b1`, tensor: l.b1 },
        { name: `${p}w2`, tensor: l.w2 },
        { name: `${p}b2`, tensor: l.b2 },
      );
    });
    out.push({ name: 'lnf_g', tensor: this.lnfG }, { name: 'lnf_b', tensor: this.lnfB });
    return out;
  }

  paramCount(): number {
    return this.namedWeights().reduce((s, w) => s + w.tensor.size, 0);
  }

  /** Call after training or loading, before generating: switches to fused, gradient-free kernels. */
  syncInference(): void {
    this.outW?.dispose();
    this.outW = tf.keep(tf.transpose(this.tokEmb) as tf.Tensor2D);
  }

  /** x . w + b: the custom-gradient op while training, one fused kernel when generating. */
  private linear(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
    if (this.outW) return tf.fused.matMul({ a: x, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D;
    return dense(x, w as tf.Tensor2D, b as tf.Tensor1D);
  }

  private mlp(l: LayerWeights, x: tf.Tensor2D): tf.Tensor2D {
    const h = layerNorm(x, l.ln2g as tf.Tensor1D, l.ln2b as tf.Tensor1D);
    const u = gelu(this.linear(h, l.w1, l.b1));
    return tf.add(x, this.linear(u, l.w2, l.b2));
  }

  /** [b*t, d] -> [b, heads, t, headDim] */
  private heads(x: tf.Tensor2D, b: number, t: number): tf.Tensor4D {
    const { nHeads: h, dModel: d } = this.config;
    return tf.transpose(tf.reshape(x, [b, t, h, d / h]), [0, 2, 1, 3]);
  }

  /**
   * Full causal forward over ids [b, t]. Returns hidden states [b*t, d] after the final norm and,
   * when asked, the keys and values of every layer (the prefill of a KV cache).
   */
  forwardHidden(ids: tf.Tensor2D, withCache = false): { hidden: tf.Tensor2D; cache: KvCache } {
    const [b, t] = ids.shape;
    const { dModel: d, nHeads: h } = this.config;
    const flat = tf.reshape(ids, [b * t]) as tf.Tensor1D;
    const pos = tf.slice(this.posEmb, [0, 0], [t, d]);
    let x = tf.reshape(tf.add(tf.reshape(embed(this.tokEmb as tf.Tensor2D, flat), [b, t, d]), pos), [
      b * t,
      d,
    ]) as tf.Tensor2D;
    const mask = causalMask(t);
    const scale = 1 / Math.sqrt(d / h);
    const cache: KvCache = [];
    for (const l of this.layers) {
      const a = layerNorm(x, l.ln1g as tf.Tensor1D, l.ln1b as tf.Tensor1D);
      const qkv = this.linear(a, l.wqkv, l.bqkv);
      const [q, k, v] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const qh = this.heads(q, b, t);
      const kh = this.heads(k, b, t);
      const vh = this.heads(v, b, t);
      if (withCache) cache.push({ k: kh, v: vh });
      const att = tf.softmax(tf.add(tf.mul(tf.matMul(qh, kh, false, true), scale), mask));
      const ctx = tf.reshape(tf.transpose(tf.matMul(att, vh), [0, 2, 1, 3]), [b * t, d]) as tf.Tensor2D;
      x = tf.add(x, this.linear(ctx, l.wo, l.bo));
      x = this.mlp(l, x);
    }
    return { hidden: layerNorm(x, this.lnfG as tf.Tensor1D, this.lnfB as tf.Tensor1D), cache };
  }

  /** Logits for hidden states [n, d] -> [n, vocab]. Training passes tied=true so the gradient reaches tokEmb. */
  logits(hidden: tf.Tensor2D, tied = false): tf.Tensor2D {
    if (tied || !this.outW) return dense(hidden, tf.transpose(this.tokEmb) as tf.Tensor2D);
    return tf.matMul(hidden, this.outW);
  }

  /** Prefill: logits of the last position [b, vocab] and the KV cache. Call inside tf.tidy. */
  prefill(ids: tf.Tensor2D): { logits: tf.Tensor2D; cache: KvCache } {
    const [b, t] = ids.shape;
    const { hidden, cache } = this.forwardHidden(ids, true);
    const last = tf.reshape(
      tf.slice(tf.reshape(hidden, [b, t, this.config.dModel]), [0, t - 1, 0], [b, 1, -1]),
      [b, this.config.dModel],
    ) as tf.Tensor2D;
    return { logits: this.logits(last), cache };
  }

  /** One decoding step for ids [b] at position `pos`, extending the cache. Call inside tf.tidy. */
  step(ids: tf.Tensor1D, pos: number, cache: KvCache): { logits: tf.Tensor2D; cache: KvCache } {
    const b = ids.shape[0];
    const { dModel: d, nHeads: h } = this.config;
    const dh = d / h;
    let x = tf.add(tf.gather(this.tokEmb, ids), tf.slice(this.posEmb, [pos, 0], [1, d])) as tf.Tensor2D;
    const scale = 1 / Math.sqrt(dh);
    const next: KvCache = [];
    this.layers.forEach((l, i) => {
      const c = cache[i];
      if (!c) throw new Error('KV cache is shorter than the model');
      const a = layerNorm(x, l.ln1g as tf.Tensor1D, l.ln1b as tf.Tensor1D);
      const qkv = this.linear(a, l.wqkv, l.bqkv);
      const [q, k, v] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const kAll = tf.concat([c.k, tf.reshape(k, [b, h, 1, dh])], 2) as tf.Tensor4D;
      const vAll = tf.concat([c.v, tf.reshape(v, [b, h, 1, dh])], 2) as tf.Tensor4D;
      next.push({ k: kAll, v: vAll });
      const att = tf.softmax(tf.mul(tf.matMul(tf.reshape(q, [b, h, 1, dh]), kAll, false, true), scale));
      const ctx = tf.reshape(tf.matMul(att, vAll), [b, d]) as tf.Tensor2D;
      x = tf.add(x, this.linear(ctx, l.wo, l.bo));
      x = this.mlp(l, x);
    });
    const hidden = layerNorm(x, this.lnfG as tf.Tensor1D, this.lnfB as tf.Tensor1D);
    return { logits: this.logits(hidden), cache: next };
  }

  dispose(): void {
    for (const w of this.namedWeights()) w.tensor.dispose();
    this.outW?.dispose();
    this.outW = undefined;
  }
}
