import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  fitRecommender,
  loadRecommender,
  type FitInput,
} from '../../../src/recommend/algorithms/index.js';

// "shampoo" is always followed by "conditioner"; "mask" often follows "conditioner".
const input: FitInput = {
  sequences: [
    ['shampoo', 'conditioner', 'mask'],
    ['shampoo', 'conditioner'],
    ['lipstick', 'shampoo', 'conditioner', 'mask'],
    ['lipstick', 'gloss'],
    ['lipstick', 'gloss', 'liner'],
    ['gloss', 'liner'],
    ['shampoo', 'conditioner'],
  ],
  attributes: {
    shampoo: ['brand:a', 'hair'],
    conditioner: ['brand:a', 'hair'],
    mask: ['brand:b', 'hair'],
    lipstick: ['brand:c', 'lips'],
    gloss: ['brand:c', 'lips'],
    liner: ['brand:d', 'lips'],
    serum: ['brand:b', 'hair'],
  },
};

describe('fitRecommender', () => {
  const model = fitRecommender(input);

  it('learns the next-item transition', () => {
    const recs = model.recommend(['shampoo'], 3);
    expect(recs[0]?.itemId).toBe('conditioner');
    expect(recs[0]?.becauseOf).toBe('shampoo');
    expect(model.recommend(['lipstick'], 1)[0]?.itemId).toBe('gloss');
  });

  it('returns scores best first and leaves history items out by default', () => {
    const recs = model.recommend(['shampoo', 'conditioner'], 10);
    const ids = recs.map((r) => r.itemId);
    expect(ids).not.toContain('shampoo');
    expect(ids).not.toContain('conditioner');
    expect(ids[0]).toBe('mask');
    for (let i = 1; i < recs.length; i++) expect(recs[i - 1]!.score).toBeGreaterThanOrEqual(recs[i]!.score);
    expect(model.recommend(['shampoo'], 10, { includeHistory: true }).map((r) => r.itemId)).toContain(
      'shampoo',
    );
  });

  it('respects exclusions', () => {
    const recs = model.recommend(['shampoo'], 10, { exclude: new Set(['conditioner', 'mask']) });
    const ids = recs.map((r) => r.itemId);
    expect(ids).not.toContain('conditioner');
    expect(ids).not.toContain('mask');
    expect(ids.length).toBeGreaterThan(0);
  });

  it('names the history item that contributed most', () => {
    const recs = model.recommend(['lipstick', 'shampoo'], 10);
    expect(recs.find((r) => r.itemId === 'conditioner')?.becauseOf).toBe('shampoo');
    expect(recs.find((r) => r.itemId === 'gloss')?.becauseOf).toBe('lipstick');
  });

  it('reaches never-bought items through attributes', () => {
    expect(model.indexOf('serum')).toBeGreaterThanOrEqual(0);
    const serum = model.recommend(['mask'], 10).find((r) => r.itemId === 'serum');
    expect(serum?.becauseOf).toBe('mask');
  });

  it('falls back to popularity for an empty or unknown history', () => {
    const popular = model.popular(2);
    expect(popular.map((r) => r.itemId)).toEqual(['shampoo', 'conditioner']);
    expect(popular[0]?.score).toBe(1);
    expect(model.recommend(['never-seen'], 2)).toEqual(popular);
    expect(model.popular(1, new Set(['shampoo']))[0]?.itemId).toBe('conditioner');
  });

  it('serializes to compact JSON and loads to identical recommendations', () => {
    const json = JSON.parse(JSON.stringify(model.toJSON())) as unknown;
    const loaded = loadRecommender(json);
    for (const history of [['shampoo'], ['lipstick', 'gloss'], ['mask', 'liner', 'shampoo'], []]) {
      expect(loaded.recommend(history, 5)).toEqual(model.recommend(history, 5));
    }
    expect(loaded.params).toEqual(model.params);
  });

  it('returns exactly the top of a full-catalogue ranking', () => {
    for (const popularityWeight of [0, 0.1]) {
      const m = fitRecommender(input, { popularityWeight });
      for (const history of [['shampoo'], ['lipstick', 'mask'], ['liner']]) {
        const scores = new Float64Array(m.size);
        m.scoreIndices(
          history.map((id) => m.indexOf(id)),
          scores,
        );
        const own = new Set(history);
        const expected = Array.from(scores.keys())
          .filter((i) => !own.has(m.itemAt(i)))
          .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
          .slice(0, 5)
          .map((i) => m.itemAt(i));
        expect(m.recommend(history, 5).map((r) => r.itemId)).toEqual(expected);
      }
    }
  });

  it('rejects a corrupt model', () => {
    const json = model.toJSON();
    expect(() => loadRecommender({ ...json, format: 'other' })).toThrow();
    expect(() => loadRecommender({ ...json, items: json.items.slice(1) })).toThrow();
  });

  it('uses the tuned defaults unless overridden', () => {
    expect(model.params).toEqual(DEFAULT_PARAMS);
    expect(fitRecommender(input, { window: 1 }).params.window).toBe(1);
    expect(() => fitRecommender(input, { recencyDecay: 2 })).toThrow();
  });
});
