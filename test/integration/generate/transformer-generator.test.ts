import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { configWith } from '../../../src/config.js';
import { selectBackend } from '../../../src/generate/backend/select-backend.js';
import { createGenerator, DEFAULT_MODEL_DIR } from '../../../src/generate/create-generator.js';
import { checkCopy } from '../../../src/generate/guardrails/index.js';
import { sampleRequests } from '../../../src/generate/sample-requests.js';
import { createTransformerGenerator, defaultBatchSize } from '../../../src/generate/transformer-generator.js';
import { concurrencyOf } from '../../../src/runtime/build-workers.js';
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
    // No batch size configured: the backend's default, and a generate worker sized to keep it full.
    expect(gen.preferredConcurrency).toBe(2 * defaultBatchSize('wasm'));
    expect(concurrencyOf(configWith({}), 'generate', gen)).toBe(64);
    expect(concurrencyOf(configWith({ GENERATE_CONCURRENCY: '8' }), 'generate', gen)).toBe(8);
    await gen.close();
  }, 120_000);

  it('sizes batches by backend: large on a GPU, where small batches lost to wasm 3.5x (README)', async () => {
    expect([defaultBatchSize('webgpu'), defaultBatchSize('tensorflow-gpu')]).toEqual([512, 512]);
    expect([defaultBatchSize('wasm'), defaultBatchSize('tensorflow'), defaultBatchSize('cpu')]).toEqual([
      32, 32, 32,
    ]);
    // A GPU generator (twice 512 in flight) gets a generate worker that can hold its batches.
    const gpuLike = {
      name: 'gpu',
      preferredConcurrency: 1024,
      generate: async () => ({}) as never,
      close: async () => {},
    };
    expect(concurrencyOf(configWith({}), 'generate', gpuLike)).toBe(1024);
  });
});
