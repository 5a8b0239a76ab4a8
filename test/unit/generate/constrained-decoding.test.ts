import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptTokens } from '../../../src/generate/corpus/controls.js';
import { generateBatch, type DecodeRow } from '../../../src/generate/transformer/decode.js';
import type { GptModel } from '../../../src/generate/transformer/model.js';
import { corpusTokenizer, tinyModel, useWasm } from './helpers.js';

describe('constrained decoding', () => {
  const tok = corpusTokenizer();
  let model: GptModel;
  const discount = tok.slotIds.get('discount') ?? -1;
  const name = tok.slotIds.get('name') ?? -1;
  beforeAll(async () => {
    await useWasm();
    model = tinyModel(tok.size, 11);
    // Make the absent slots the model's favourite tokens, so only the mask can keep them out:
    // the final norm outputs a constant vector that aligns with those two embeddings.
    tf.tidy(() => {
      model.lnfG.assign(tf.zeros([16]));
      model.lnfB.assign(tf.fill([16], 0.25));
      const boost = tf.scatterND([[discount], [name]], tf.fill([2, 16], 2), model.tokEmb.shape);
      model.tokEmb.assign(tf.add(model.tokEmb, boost));
    });
    model.syncInference();
  });
  afterAll(() => model.dispose());

  const prompt = promptTokens({
    campaign: 'abandoned_checkout',
    locale: 'en',
    segment: 'deal',
    tone: 'urgent',
    field: 'intro',
    hasName: false,
    hasDiscount: false,
    hasCategory: true,
  }).map((t) => tok.id(t));
  const rows = (banned: number[]): DecodeRow[] =>
    Array.from({ length: 24 }, (_, i) => ({ prompt, banned, maxNew: 30, seed: 100 + i }));

  it('never emits the slot of an absent fact, while the same model unconstrained does', async () => {
    const free = await generateBatch(model, tok, rows([]), { temperature: 1.5, topP: 1 });
    expect(free.flatMap((r) => r.ids).filter((id) => id === discount || id === name).length).toBeGreaterThan(
      0,
    );
    const constrained = await generateBatch(model, tok, rows([discount, name]), {
      temperature: 1.5,
      topP: 1,
    });
    const all = constrained.flatMap((r) => r.ids);
    expect(all.length).toBeGreaterThan(100);
    expect(all).not.toContain(discount);
    expect(all).not.toContain(name);
    for (const id of tok.nonTextIds) expect(all).not.toContain(id);
  });

  it('is reproducible from the seed', async () => {
    const a = await generateBatch(model, tok, rows([discount]), { temperature: 0.9, topP: 0.9 });
    const b = await generateBatch(model, tok, rows([discount]), { temperature: 0.9, topP: 0.9 });
    expect(a.map((r) => r.ids)).toEqual(b.map((r) => r.ids));
  });
});
