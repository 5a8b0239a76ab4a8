import { describe, expect, it } from 'vitest';
import { corpusPieces } from '../../../src/generate/corpus/dataset.js';
import { Tokenizer, pretokenize } from '../../../src/generate/tokenizer/tokenizer.js';
import { corpusTokenizer } from './helpers.js';

describe('tokenizer', () => {
  const tok = corpusTokenizer();

  it.each([
    "Hi {name}, this week's picks from {store} are here!",
    'Save {discount} on {product} and more this week.',
    "{brand}'s {product}, a lovely choice in {category} for {price}.",
    '{name}，你的每周精选来啦',
    '好消息：本周{product}享{discount}优惠，{store}还有更多心动好物等你。',
    '尊敬的{name}：',
  ])('round-trips %s', (text) => {
    const ids = tok.encode(text);
    expect(ids).not.toContain(tok.unkId);
    expect(tok.decode(ids)).toBe(text);
  });

  it('makes each slot one token and CJK one token per character', () => {
    expect(pretokenize('{price}起')).toEqual(['{price}', '起']);
    expect(tok.encode('{discount}')).toEqual([tok.slotIds.get('discount')]);
    expect(tok.encode('精选')).toHaveLength(2);
  });

  it('builds the same vocabulary every time', () => {
    expect(Tokenizer.fromPieces(corpusPieces()).vocab).toEqual(tok.vocab);
  });

  it('falls back to characters, then <unk>, for unknown words', () => {
    const ids = tok.encode('Zyzzyva 龘');
    expect(ids.length).toBeGreaterThan(1);
    expect(tok.decode(tok.encode('Hello there'))).toBe('Hello there');
  });
});
