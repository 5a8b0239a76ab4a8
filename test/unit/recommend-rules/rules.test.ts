import { describe, expect, it } from 'vitest';
import type { CatalogProduct } from '../../../src/catalog/product-catalog.js';
import { fitRecommender } from '../../../src/recommend/algorithms/index.js';
import { gatherCandidates } from '../../../src/recommend/candidates.js';
import { applyRules } from '../../../src/recommend/rules.js';

const product = (id: string, category: string, stock = 5, price = 20): CatalogProduct => ({
  id,
  sku: id,
  title: id,
  category,
  brand: 'b',
  price,
  currency: 'USD',
  stock,
  url: `https://s/${id}`,
  imageUrl: '',
  tags: [],
});
const catalog = new Map(
  [
    product('a', 'skin'),
    product('b', 'skin'),
    product('c', 'skin'),
    product('d', 'hair', 0),
    product('e', 'hair'),
    product('f', 'makeup', 5, 200),
  ].map((p) => [p.id, p]),
);

describe('applyRules', () => {
  const base = {
    lookup: (id: string) => catalog.get(id),
    count: 4,
    maxPerCategory: 2,
    recentlyBought: new Set<string>(),
  };

  it('keeps in-stock products, no repeats, at most N per category, best first', () => {
    const picks = applyRules(
      [
        { productId: 'a', score: 0.9, reason: 'similar_to_viewed', becauseOf: 'x' },
        { productId: 'a', score: 0.8, reason: 'popular' },
        { productId: 'b', score: 0.7, reason: 'popular' },
        { productId: 'c', score: 0.6, reason: 'popular' },
        { productId: 'd', score: 0.5, reason: 'popular' },
        { productId: 'e', score: 0.4, reason: 'popular' },
      ],
      base,
    );
    expect(picks.map((p) => p.productId)).toEqual(['a', 'b', 'e']);
    expect(picks[0]).toEqual({ productId: 'a', reason: 'similar_to_viewed', becauseOf: 'x' });
  });

  it('drops recently bought products but keeps trigger products first', () => {
    const picks = applyRules(
      [
        { productId: 'b', score: 0.9, reason: 'popular' },
        { productId: 'a', score: 10, reason: 'trigger' },
        { productId: 'e', score: 0.5, reason: 'popular' },
      ],
      { ...base, recentlyBought: new Set(['a', 'b']) },
    );
    expect(picks.map((p) => p.productId)).toEqual(['a', 'e']);
  });

  it('demotes products far above a budget shopper price band', () => {
    const picks = applyRules(
      [
        { productId: 'f', score: 1, reason: 'popular' },
        { productId: 'e', score: 0.6, reason: 'popular' },
      ],
      { ...base, priceBand: 'budget', priceCuts: [15, 50] },
    );
    expect(picks.map((p) => p.productId)).toEqual(['e', 'f']);
  });
});

describe('gatherCandidates', () => {
  it('falls back to segment popularity for a shopper with no history', () => {
    const c = gatherCandidates({
      history: [],
      segmentPopular: ['a', 'b'],
      globalPopular: ['c'],
      triggerProductIds: [],
      pool: 10,
    });
    expect(c.map((x) => [x.productId, x.reason])).toEqual([
      ['a', 'segment_popular'],
      ['b', 'segment_popular'],
      ['c', 'popular'],
    ]);
  });

  it('calls a model pick popular only when the model ranks unreached items by popularity', () => {
    // 'x' and 'y' are never seen with 'a', so a history of 'a' reaches neither of them.
    const sequences = [
      ['a', 'b'],
      ['a', 'b'],
      ['x', 'y'],
      ['x', 'y'],
      ['x', 'y'],
    ];
    const gather = (popularityWeight: number) =>
      gatherCandidates({
        model: fitRecommender({ sequences }, { popularityWeight }),
        history: [{ productId: 'a', type: 'view' }],
        segmentPopular: [],
        globalPopular: [],
        triggerProductIds: [],
        pool: 10,
      }).map((c) => [c.productId, c.reason]);
    expect(gather(0.1)).toEqual(
      expect.arrayContaining([
        ['b', 'similar_to_viewed'],
        ['x', 'popular'],
      ]),
    );
    const noPrior = gather(0);
    expect(noPrior).toContainEqual(['b', 'similar_to_viewed']);
    expect(noPrior.filter(([, reason]) => reason === 'popular')).toEqual([]);
  });
});
