import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../src/generate/backend/select-backend.js';
import { corpusPieces } from '../../../src/generate/corpus/dataset.js';
import { Tokenizer } from '../../../src/generate/tokenizer/tokenizer.js';
import { GptModel } from '../../../src/generate/transformer/model.js';
import type { CopyRequest, ProductFact } from '../../../src/generate/types.js';

let tokenizer: Tokenizer | undefined;

export function corpusTokenizer(): Tokenizer {
  tokenizer ??= Tokenizer.fromPieces(corpusPieces());
  return tokenizer;
}

export async function useWasm(): Promise<void> {
  await selectBackend({ forced: 'wasm' });
}

/** A tiny random model whose logits are far from ties (embeddings with unit variance). */
export function tinyModel(vocabSize: number, seed = 3): GptModel {
  const model = new GptModel(
    { vocabSize, dModel: 16, nHeads: 2, nLayers: 2, dFf: 32, maxLen: 64 },
    undefined,
    seed,
  );
  tf.tidy(() => {
    model.tokEmb.assign(tf.randomNormal(model.tokEmb.shape, 0, 1, 'float32', seed + 1));
  });
  model.syncInference();
  return model;
}

export function product(overrides: Partial<ProductFact> = {}): ProductFact {
  return {
    productId: 'p1',
    sku: 'SKU-1',
    title: 'Rose Lip Balm',
    category: 'beauty',
    brand: 'Petal & Co',
    price: 12.5,
    currency: 'USD',
    url: 'https://shop.example.com/p/1',
    imageUrl: 'https://shop.example.com/p/1.jpg',
    reason: 'popular',
    ...overrides,
  };
}

export function request(overrides: Partial<CopyRequest> = {}): CopyRequest {
  return {
    campaignType: 'weekly_digest',
    locale: 'en',
    segmentName: 'loyal big spenders',
    tone: 'friendly',
    firstName: 'Ada',
    storeName: 'Acme Store',
    storeUrl: 'https://shop.example.com',
    products: [
      product(),
      product({
        productId: 'p2',
        title: 'Linen Tote',
        category: 'bags',
        brand: 'Loom',
        price: 39,
        discountPercent: 20,
      }),
    ],
    seed: 42,
    ...overrides,
  };
}
