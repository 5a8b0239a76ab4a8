import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_LENGTH, promptTokens } from '../../../src/generate/corpus/controls.js';
import { generateBatch } from '../../../src/generate/transformer/decode.js';
import type { GptModel } from '../../../src/generate/transformer/model.js';
import { corpusTokenizer, tinyModel, useWasm } from './helpers.js';

/** Greedy decoding by recomputing the whole sequence at every step (the reference). */
function greedyRecompute(model: GptModel, prompt: number[], steps: number, banned: Set<number>): number[] {
  const seq = [...prompt];
  for (let s = 0; s < steps; s++) {
    const next = tf.tidy(() => {
      const { hidden } = model.forwardHidden(tf.tensor2d([seq], [1, seq.length], 'int32'));
      const last = tf.slice(hidden, [seq.length - 1, 0], [1, -1]) as tf.Tensor2D;
      return model.logits(last);
    });
    const row = next.dataSync();
    next.dispose();
    let best = -1;
    let bestV = -Infinity;
    row.forEach((v, i) => {
      if (!banned.has(i) && v > bestV) {
        bestV = v;
        best = i;
      }
    });
    seq.push(best);
  }
  return seq.slice(prompt.length);
}

describe('KV-cache generation', () => {
  const tok = corpusTokenizer();
  let model: GptModel;
  beforeAll(async () => {
    await useWasm();
    model = tinyModel(tok.size);
  });
  afterAll(() => model.dispose());

  it('equals full recompute under greedy decoding', async () => {
    const prompts = (['subject', 'intro', 'cta'] as const).map((field) =>
      promptTokens({
        campaign: 'weekly_digest',
        locale: 'en',
        segment: 'loyal',
        tone: 'friendly',
        field,
        hasName: true,
        hasDiscount: true,
        hasCategory: true,
      }).map((t) => tok.id(t)),
    );
    expect(prompts[0]).toHaveLength(PROMPT_LENGTH);
    const steps = 20;
    // eos is banned here so both paths run the full length.
    const rows = prompts.map((prompt, i) => ({ prompt, banned: [tok.eosId], maxNew: steps, seed: i }));
    const cached = await generateBatch(model, tok, rows, { temperature: 0, topP: 1 });
    const banned = new Set([...tok.nonTextIds, tok.eosId]);
    prompts.forEach((prompt, i) => {
      expect(cached[i]?.ids).toEqual(greedyRecompute(model, prompt, steps, banned));
    });
  });
});
