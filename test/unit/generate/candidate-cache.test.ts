import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factContext } from '../../../src/generate/guardrails/check-copy.js';
import { emailSlots } from '../../../src/generate/slots.js';
import { LruCache, type BlurbLines } from '../../../src/generate/transformer/blurb-cache.js';
import {
  CandidateCache,
  drawnSlots,
  pickOrder,
  rowSeed,
} from '../../../src/generate/transformer/candidate-cache.js';
import type { GptModel } from '../../../src/generate/transformer/model.js';
import { NoValidCandidateError, emptyStats, pick } from '../../../src/generate/transformer/pick-candidate.js';
import { writeEmails, type WriteOptions } from '../../../src/generate/transformer/write-emails.js';
import { corpusTokenizer, product, request, tinyModel, useWasm } from './helpers.js';

describe('candidate cache', () => {
  it('keeps at most capacity keys, K slots each, and draws the first non-refused slots in seed order', () => {
    const cache = new CandidateCache({ perKey: 3, capacity: 2 });
    for (const k of ['a', 'b', 'c']) cache.pool(k);
    expect(cache.size).toBe(2);
    const pool = cache.pool('d');
    expect(pool.slots).toHaveLength(3);
    expect(drawnSlots(pool, [2, 0, 1], 2)).toEqual([2, 0]);
    pool.slots[2] = [{ field: 'subject', rule: 'too_long', detail: '' }];
    pool.slots[0] = { text: 'Hi {name}', score: -0.2 };
    expect(drawnSlots(pool, [2, 0, 1], 2)).toEqual([0, 1]);
    expect(cache.lines).toBe(1);
    expect(rowSeed('d', 1)).toBe(rowSeed('d', 1));
    expect(rowSeed('d', 1)).not.toBe(rowSeed('d', 2));
  });

  it('orders a pool per recipient seed, so recipients of one control tuple vary', () => {
    const orders = new Set([1, 2, 3, 4, 5, 6].map((s) => pickOrder(8, s).join(',')));
    expect(orders.size).toBeGreaterThan(3);
    for (const o of orders) expect([...o.split(',')].sort().join(',')).toBe('0,1,2,3,4,5,6,7');
    expect(pickOrder(8, 9)).toEqual(pickOrder(8, 9));
  });

  it('runs the guardrails on each recipient’s filled copy, not once per cached line', () => {
    const cache = new CandidateCache({ perKey: 2 });
    const pool = cache.pool('subject-key');
    pool.slots[0] = { text: 'Back in stock: {product}', score: -0.1 };
    pool.slots[1] = { text: 'Something for you at {store}', score: -0.9 };
    const guardrails = { bannedPhrases: ['forbidden'] };
    const ok = request();
    const bad = request({ products: [product({ title: 'Forbidden Balm' })] });
    const stats = emptyStats();
    const forOk = pick('subject', pool, [1, 0], 2, emailSlots(ok), factContext(ok), guardrails, stats);
    const forBad = pick('subject', pool, [1, 0], 2, emailSlots(bad), factContext(bad), guardrails, stats);
    // Best scoring of the draws wins.
    expect(forOk).toMatchObject({ text: 'Back in stock: {product}', index: 0 });
    // The same cached line filled with this recipient's product breaks a rule: the other one wins.
    expect(forBad).toMatchObject({ text: 'Something for you at {store}', index: 1 });
    expect(stats.rejectedCandidates).toBe(1);
    const none = pick(
      'subject',
      pool,
      [0, 1],
      2,
      emailSlots(bad),
      factContext(bad),
      { bannedPhrases: ['forbidden', 'acme'] },
      stats,
    );
    expect(none).toBeInstanceOf(NoValidCandidateError);
  });

  describe('in writeEmails (tiny model, wasm)', () => {
    const tok = corpusTokenizer();
    let model: GptModel;
    beforeAll(async () => {
      await useWasm();
      model = tinyModel(tok.size, 5);
    });
    afterAll(() => model.dispose());

    it('samples a key only until it is full, then serves hits, without leaking tensors', async () => {
      const opts: WriteOptions = {
        candidates: 2,
        decode: { temperature: 0.8, topP: 0.9 },
        guardrails: { bannedPhrases: [] },
        blurbCache: new LruCache<BlurbLines>(100),
        candidateCache: new CandidateCache({ perKey: 2, capacity: 100 }),
        stats: emptyStats(),
      };
      const batch = [request(), request({ locale: 'zh-CN', firstName: undefined, seed: 7 })];
      await writeEmails(model, tok, batch, opts);
      const before = tf.memory().numTensors;
      const rowsAfterFirst = opts.stats.rows;
      expect(rowsAfterFirst).toBeGreaterThan(0);
      // Other recipients of the same control tuples: with K = 2 and 2 draws, every slot is sampled
      // by the first batch, so these only pick.
      for (let i = 0; i < 4; i++) {
        await writeEmails(
          model,
          tok,
          batch.map((r) => ({ ...r, seed: 100 + i, firstName: r.firstName ? `Ann${i}` : undefined })),
          opts,
        );
      }
      const rowsWarm = opts.stats.rows;
      const hitsWarm = opts.candidateCache.hits;
      const missesWarm = opts.candidateCache.misses;
      await writeEmails(
        model,
        tok,
        batch.map((r) => ({ ...r, seed: 999 })),
        opts,
      );
      expect(opts.stats.rows).toBe(rowsWarm);
      // At least the 4 email fields of each request hit (blurbs too, when not already chosen).
      expect(opts.candidateCache.hits - hitsWarm).toBeGreaterThanOrEqual(2 * 4);
      expect(opts.candidateCache.misses).toBe(missesWarm);
      expect(opts.candidateCache.size).toBeLessThanOrEqual(100);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('stays within its capacity when there are more keys than it holds', async () => {
      const cache = new CandidateCache({ perKey: 1, capacity: 3 });
      const opts: WriteOptions = {
        candidates: 1,
        decode: { temperature: 0.8, topP: 0.9 },
        guardrails: { bannedPhrases: [] },
        blurbCache: new LruCache<BlurbLines>(4),
        candidateCache: cache,
        stats: emptyStats(),
      };
      await writeEmails(model, tok, [request(), request({ tone: 'urgent', seed: 3 })], opts);
      expect(cache.size).toBe(3);
    });
  });
});
