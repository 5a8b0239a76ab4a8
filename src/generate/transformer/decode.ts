import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../random.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import type { GptModel, KvCache } from './model.js';
import { sampleTopK } from './sampling.js';

/** Only the k most likely tokens leave the backend each step; top-p sampling happens within them. */
const TOP_K = 16;

/** One sequence to generate in a batch. */
export interface DecodeRow {
  /** Prompt ids; every row of a batch has the same prompt length. */
  prompt: readonly number[];
  /** Token ids this row may never emit (slots whose fact is absent). */
  banned: readonly number[];
  maxNew: number;
  seed: number;
}

export interface DecodeOptions {
  /** 0 means greedy. */
  temperature: number;
  topP: number;
}

export interface DecodeResult {
  /** Generated ids, without <eos>. */
  ids: number[];
  /** Sum of log-probabilities of the chosen tokens under the sampling distribution. */
  logProb: number;
  /** Ended with <eos> (false: hit maxNew or the context length). */
  finished: boolean;
}

function disposeCache(cache: KvCache): void {
  for (const c of cache) tf.dispose([c.k, c.v]);
}

/**
 * Batched constrained generation with a KV cache: a prefill over the prompts, then one step per
 * token for all live rows. Banned and non-text tokens get -1e9 added to their logits, so an absent
 * fact's slot can never be sampled. Finished rows are dropped from the batch as it shrinks.
 */
export async function generateBatch(
  model: GptModel,
  tokenizer: Tokenizer,
  rows: readonly DecodeRow[],
  options: DecodeOptions,
): Promise<DecodeResult[]> {
  if (rows.length === 0) return [];
  const V = model.config.vocabSize;
  const promptLen = rows[0]?.prompt.length ?? 0;
  if (rows.some((r) => r.prompt.length !== promptLen))
    throw new Error('prompts in a batch must have one length');
  const greedy = options.temperature <= 0;
  const temp = greedy ? 1 : options.temperature;
  const results: DecodeResult[] = rows.map(() => ({ ids: [], logProb: 0, finished: false }));
  const rands = rows.map((r) => seededRandom(r.seed));

  const biasArr = new Float32Array(rows.length * V);
  rows.forEach((r, i) => {
    for (const id of tokenizer.nonTextIds) biasArr[i * V + id] = -1e9;
    for (const id of r.banned) biasArr[i * V + id] = -1e9;
  });
  let bias = tf.tensor2d(biasArr, [rows.length, V]);
  /** live[j] = index into rows of batch position j. */
  let live = rows.map((_, i) => i);
  const done = new Array<boolean>(rows.length).fill(false);

  const promptIds = tf.tensor2d(
    rows.flatMap((r) => [...r.prompt]),
    [rows.length, promptLen],
    'int32',
  );
  let { logits, cache } = tf.tidy(() => model.prefill(promptIds));
  promptIds.dispose();
  let pos = promptLen;
  try {
    for (;;) {
      const k = greedy ? 1 : TOP_K;
      // One read per step: the top-k log-probabilities and their ids (exact in float32) side by side.
      const top = tf.tidy(() => {
        const t = tf.topk(tf.logSoftmax(tf.add(greedy ? logits : tf.div(logits, temp), bias)), k);
        return tf.concat([t.values, tf.cast(t.indices, 'float32')], 1);
      });
      logits.dispose();
      const both = (await top.data()) as Float32Array;
      top.dispose();
      const data = new Float32Array(live.length * k);
      const index = new Int32Array(live.length * k);
      for (let j = 0; j < live.length; j++) {
        data.set(both.subarray(2 * j * k, 2 * j * k + k), j * k);
        for (let i = 0; i < k; i++) index[j * k + i] = both[2 * j * k + k + i] ?? tokenizer.eosId;
      }
      const nextIds: number[] = [];
      let liveCount = 0;
      live.forEach((rowIdx, j) => {
        const row = rows[rowIdx] as DecodeRow;
        const res = results[rowIdx] as DecodeResult;
        if (done[rowIdx]) {
          nextIds.push(tokenizer.padId);
          return;
        }
        const at = j * k + sampleTopK(data, j * k, k, options.topP, greedy, rands[rowIdx] as () => number);
        const tok = index[at] ?? tokenizer.eosId;
        res.logProb += data[at] ?? 0;
        if (tok === tokenizer.eosId) {
          res.finished = true;
          done[rowIdx] = true;
        } else {
          res.ids.push(tok);
          if (res.ids.length >= row.maxNew) done[rowIdx] = true;
        }
        if (!done[rowIdx]) liveCount++;
        nextIds.push(tok);
      });
      if (liveCount === 0 || pos >= model.config.maxLen) break;

      if (liveCount <= live.length * 0.85) {
        const keep = live.map((r, j) => [r, j] as const).filter(([r]) => !done[r]);
        const idx = tf.tensor1d(
          keep.map(([, j]) => j),
          'int32',
        );
        const nextCache = tf.tidy(() =>
          cache.map((c) => ({ k: tf.gather(c.k, idx), v: tf.gather(c.v, idx) })),
        );
        const nextBias = tf.gather(bias, idx);
        idx.dispose();
        disposeCache(cache);
        bias.dispose();
        cache = nextCache;
        bias = nextBias;
        const kept = keep.map(([, j]) => nextIds[j] ?? tokenizer.padId);
        live = keep.map(([r]) => r);
        nextIds.length = 0;
        nextIds.push(...kept);
      }
      const ids = tf.tensor1d(nextIds, 'int32');
      const prev = cache;
      const out = tf.tidy(() => model.step(ids, pos, prev));
      ids.dispose();
      disposeCache(prev);
      logits = out.logits;
      cache = out.cache;
      pos++;
    }
  } finally {
    if (!logits.isDisposed) logits.dispose();
    disposeCache(cache);
    bias.dispose();
  }
  return results;
}
