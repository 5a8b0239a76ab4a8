import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LruCache, type BlurbLines } from '../../../src/generate/transformer/blurb-cache.js';
import { CandidateCache } from '../../../src/generate/transformer/candidate-cache.js';
import type { GptModel } from '../../../src/generate/transformer/model.js';
import { emptyStats, writeEmails } from '../../../src/generate/transformer/write-emails.js';
import { corpusTokenizer, request, tinyModel, useWasm } from './helpers.js';

describe('tensor leaks', () => {
  const tok = corpusTokenizer();
  let model: GptModel;
  beforeAll(async () => {
    await useWasm();
    model = tinyModel(tok.size, 5);
  });
  afterAll(() => model.dispose());

  it('keeps tf.memory().numTensors flat across many generations', async () => {
    const opts = {
      candidates: 2,
      decode: { temperature: 0.8, topP: 0.9 },
      guardrails: { bannedPhrases: [] },
      blurbCache: new LruCache<BlurbLines>(10),
      candidateCache: new CandidateCache({ perKey: 2 }),
      stats: emptyStats(),
    };
    const batch = [
      request(),
      request({ locale: 'zh-CN', firstName: undefined, seed: 7 }),
      request({ campaignType: 'post_purchase', seed: 9 }),
    ];
    await writeEmails(model, tok, batch, opts);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      opts.blurbCache.clear();
      opts.candidateCache.clear();
      await writeEmails(
        model,
        tok,
        batch.map((r) => ({ ...r, seed: i })),
        opts,
      );
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(opts.stats.rows).toBeGreaterThan(0);
  });

  it('frees every weight on dispose', () => {
    const before = tf.memory().numTensors;
    const m = tinyModel(tok.size, 9);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
