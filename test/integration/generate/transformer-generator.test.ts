import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { configWith } from '../../../src/config.js';
import { selectBackend } from '../../../src/generate/backend/select-backend.js';
import { createGenerator, DEFAULT_MODEL_DIR } from '../../../src/generate/create-generator.js';
import { checkCopy } from '../../../src/generate/guardrails/index.js';
import { sampleRequests } from '../../../src/generate/sample-requests.js';
import { createTransformerGenerator } from '../../../src/generate/transformer-generator.js';
import { createLogger } from '../../../src/logger.js';

const logger = createLogger('test', 'silent');

describe('transformer generator (shipped model, wasm)', () => {
  it('batches concurrent generate() calls and writes valid copy in both locales without leaking tensors', async () => {
    await selectBackend({ forced: 'wasm' });
    const before = tf.memory().numTensors;
    const gen = await createTransformerGenerator({
      modelDir: DEFAULT_MODEL_DIR,
      backend: 'wasm',
      batchSize: 16,
      batchWaitMs: 20,
      logger,
    });
    const requests = sampleRequests(48, 5);
    const copies = await Promise.all(requests.map((r) => gen.generate(r)));
    expect(gen.batcherStats.batches).toBeLessThanOrEqual(6);
    expect(gen.batcherStats.maxBatchSeen).toBe(16);
    expect(gen.stats.slotErrors).toBe(0);
    copies.forEach((copy, i) => {
      const req = requests[i];
      if (!req) throw new Error('missing request');
      expect(checkCopy(copy, req, { bannedPhrases: [] })).toEqual([]);
      expect(copy.generator).toBe('transformer');
      expect(copy.products.map((p) => p.productId)).toEqual(req.products.map((p) => p.productId));
      if (req.locale === 'zh-CN') expect(copy.intro).toMatch(/[\u4e00-\u9fff]/);
      else expect(copy.intro).toMatch(/^[\x20-\x7e’]+$/);
    });
    // Same seed, same copy.
    const again = await gen.generate({ ...requests[0]!, variant: undefined });
    expect(again.subject).toBe(copies[0]?.subject);
    await gen.close();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('is what createGenerator() serves, behind the guardrails', async () => {
    const gen = await createGenerator(
      configWith({ GENERATOR: 'transformer', GENERATOR_BACKEND: 'wasm' }),
      logger,
    );
    const [req] = sampleRequests(1, 9);
    const copy = await gen.generate(req!);
    expect(copy.generator).toBe('transformer');
    await gen.close();
  }, 120_000);
});
