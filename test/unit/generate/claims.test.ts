import { describe, expect, it } from 'vitest';
import {
  checkCopy,
  factContext,
  findClaims,
  LOW_STOCK,
  pickedForPopularity,
  productBacking,
  type ClaimKind,
} from '../../../src/generate/guardrails/index.js';
import { checkText } from '../../../src/generate/guardrails/rules.js';
import { reasonText } from '../../../src/generate/reason-text.js';
import type { EmailCopy } from '../../../src/generate/types.js';
import { product, request } from './helpers.js';

const opts = { bannedPhrases: [] };
const kinds = (text: string): ClaimKind[] => findClaims(text.toLowerCase()).map((c) => c.kind);

/** A request whose products were picked for reasons that back no claim. */
const plain = request({
  products: [
    product({ reason: 'similar_to_viewed' }),
    product({ productId: 'p2', title: 'Linen Tote', brand: 'Loom', price: 39, reason: 'category' }),
  ],
});
const zhPlain = { ...plain, locale: 'zh-CN' as const };
const claimRules = (text: string, req = plain, field: 'subject' | 'intro' | 'blurb' = 'subject') =>
  checkText(text, field, factContext(req), opts).filter((v) => v.rule === 'unbacked_claim');

describe('claim patterns (en)', () => {
  it.each<[string, ClaimKind]>([
    ['New this week: Rose Lip Balm', 'novelty'],
    ['Something new from Petal & Co', 'novelty'],
    ['Brand-new from the studio', 'novelty'],
    ['Our newest arrivals', 'novelty'],
    ['Just arrived at the store', 'novelty'],
    ['Just in: a lip balm', 'novelty'],
    ['The latest in skincare', 'novelty'],
    ['Get the first look at these', 'novelty'],
    ['One of our bestsellers', 'popularity'],
    ['A best-selling balm', 'popularity'],
    ['Our best sellers this week', 'popularity'],
    ['Our most popular pick', 'popularity'],
    ["Everyone's favourite balm", 'popularity'],
    ['A customer favorite', 'popularity'],
    ['A favourite among shoppers', 'popularity'],
    ['Our most loved products', 'popularity'],
    ['Trending right now', 'popularity'],
    ['An in-demand pick', 'popularity'],
    ['Only 3 left', 'scarcity'],
    ['Only a few left in stock', 'scarcity'],
    ['Just two pieces left', 'scarcity'],
    ['Selling fast', 'scarcity'],
    ['These picks are going fast', 'scarcity'],
    ['Popular picks go quickly', 'scarcity'],
    ['Grab yours before it sells out', 'scarcity'],
    ['Almost gone', 'scarcity'],
    ['Limited stock', 'scarcity'],
    ['While stocks last', 'scarcity'],
    ['Complete the look while your favourites are in stock', 'scarcity'],
    ['Order before it is gone', 'scarcity'],
    ['A fast-moving pick', 'scarcity'],
    ['Sale ends tonight', 'urgency'],
    ['Offer ends soon', 'urgency'],
    ['Today only', 'urgency'],
    ['Last chance to save', 'urgency'],
    ['Final hours', 'urgency'],
    ['For a limited-time', 'urgency'],
    ["These picks won't last long", 'urgency'],
    ['It is waiting, but not for long', 'urgency'],
    ['Get it while you can', 'urgency'],
    ['Your discount expires soon', 'urgency'],
    ['The best lip balm', 'superlative'],
    ['Our very best balm', 'superlative'],
    ["This week's best deal: Rose Lip Balm", 'superlative'],
    ['The #1 balm', 'superlative'],
    ['Number one in skincare', 'superlative'],
    ['A top-rated serum', 'superlative'],
    ['Unbeatable comfort', 'superlative'],
    ['An award-winning balm', 'superlative'],
    ['The ultimate gift', 'superlative'],
  ])('flags "%s" as %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Your weekly picks from Acme Store',
    'Renew your routine',
    'Read our news',
    'Sign up for our newsletter',
    'Since you are new here, we kept it simple.',
    "You're new to Acme Store, welcome!",
    'Something new to you',
    'Your new favourite might be next',
    "Meet your order's new best friend",
    'Welcome, new customers',
    'Happy New Year',
    'Fresh finds inside',
    'Complete your order today',
    "Don't miss out.",
    '25% off while the offer lasts',
    'You left it in your cart.',
    'We saved your cart so you can finish whenever you like.',
    'It is still in your cart.',
    'Look your best',
    'For our very best customers',
    'The best way to finish your order',
    'Goes well with things you have bought before.',
    'Take a look when you have a moment.',
    'A refined addition to your collection',
    'Thank you for being one of our most valued customers.',
    'Pick up where you left off',
    'It only takes a moment to make it yours.',
    'Arrives in two days', // "arrives" is delivery, not "new arrivals"
  ])('does not flag "%s"', (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe('claim patterns (zh-CN)', () => {
  it.each<[string, ClaimKind]>([
    ['本周新品：Rose Lip Balm', 'novelty'],
    ['本周护肤上新', 'novelty'],
    ['新到好物', 'novelty'],
    ['新款上市', 'novelty'],
    ['最新的护肤好物', 'novelty'],
    ['全新升级', 'novelty'],
    ['抢先看到本周好物', 'novelty'],
    ['本周热销', 'popularity'],
    ['爆款推荐', 'popularity'],
    ['人气好物', 'popularity'],
    ['畅销单品', 'popularity'],
    ['这款很抢手', 'popularity'],
    ['我们最受欢迎的好物', 'popularity'],
    ['最近很受大家欢迎', 'popularity'],
    ['深受顾客喜爱', 'popularity'],
    ['大家都在买', 'popularity'],
    ['库存有限', 'scarcity'],
    ['即将售罄', 'scarcity'],
    ['仅剩三件', 'scarcity'],
    ['这些好物卖得很快', 'scarcity'],
    ['趁心仪好物还有货', 'scarcity'],
    ['限量发售', 'scarcity'],
    ['立即抢购', 'scarcity'],
    ['限时优惠', 'urgency'],
    ['今天截止', 'urgency'],
    ['最后机会', 'urgency'],
    ['优惠即将结束', 'urgency'],
    ['仅限今天', 'urgency'],
    ['趁现在入手', 'urgency'],
    ['最好的唇膏', 'superlative'],
    ['本周最佳单品', 'superlative'],
    ['销量第一', 'superlative'],
    ['顶级护肤', 'superlative'],
  ])('flags "%s" as %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    '你的每周精选来啦',
    '本周推荐：Petal & Co的Rose Lip Balm，US$12.50。',
    '欢迎新朋友',
    '新入手的宝贝，还能怎么搭？',
    '新客专属问候',
    '新年快乐',
    '本周精选，别错过',
    '今天就完成订单吧',
    '购物车已为你保存，随时回来完成订单。',
    '感谢你一直是我们最珍视的顾客之一。',
    '好奇什么和它最配吗？',
    '我们觉得它会是完美搭配。',
    '{brand}的新发现',
    '我们已经在给它物色最佳搭档',
  ])('does not flag "%s"', (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe('claim backing', () => {
  it('backs popularity only for products picked for popularity, as a code or as its sentence', () => {
    for (const reason of [
      'popular',
      'segment_popular',
      'segment popular',
      reasonText('en', 'popular'),
      reasonText('en', 'segment_popular'),
      reasonText('zh-CN', 'popular'),
      `${reasonText('zh-CN', 'segment_popular')}。`,
    ]) {
      expect(pickedForPopularity(reason), reason).toBe(true);
    }
    for (const reason of [
      'similar_to_viewed',
      'category',
      'trigger',
      reasonText('en', 'similar_to_viewed', 'Hydra Serum'),
      reasonText('zh-CN', 'category'),
      '',
    ]) {
      expect(pickedForPopularity(reason), reason).toBe(false);
    }
  });

  it('backs novelty only with a "new" tag and scarcity only with low stock in hand', () => {
    const base = { reason: 'category' };
    expect(productBacking({ ...base, tags: ['New'] }).novelty).toBe(true);
    expect(productBacking({ ...base, tags: ['sale', 'renewed'] }).novelty).toBe(false);
    expect(productBacking(base).novelty).toBe(false);
    expect(productBacking({ ...base, stock: LOW_STOCK }).scarcity).toBe(true);
    expect(productBacking({ ...base, stock: 1 }).scarcity).toBe(true);
    expect(productBacking({ ...base, stock: LOW_STOCK + 1 }).scarcity).toBe(false);
    expect(productBacking({ ...base, stock: 0 }).scarcity).toBe(false);
    expect(productBacking(base).scarcity).toBe(false);
  });

  it('never backs urgency or superlatives: no request carries an end time or a ranking', () => {
    const all = productBacking({ reason: 'popular', tags: ['new'], stock: 2 });
    expect(all).toEqual({
      novelty: true,
      popularity: true,
      scarcity: true,
      urgency: false,
      superlative: false,
    });
    expect(productBacking(undefined)).toEqual({
      novelty: false,
      popularity: false,
      scarcity: false,
      urgency: false,
      superlative: false,
    });
  });
});

describe('unbacked_claim rule', () => {
  it('rejects unbacked claims in every field, with the kind and words in the detail', () => {
    const [v] = claimRules('Bestseller alert: Rose Lip Balm');
    expect(v).toMatchObject({ field: 'subject', rule: 'unbacked_claim' });
    expect(v?.detail).toContain('popularity');
    expect(claimRules('New this week: Rose Lip Balm from Petal & Co, $12.50.', plain, 'blurb')).toHaveLength(
      1,
    );
    expect(claimRules('本周新品：Petal & Co的Rose Lip Balm，US$12.50。', zhPlain, 'blurb')).toHaveLength(1);
    expect(claimRules('Only a few left, ends tonight, the best one', plain, 'intro')[0]?.detail).toBe(
      'scarcity: only a few left; urgency: ends tonight; superlative: the best',
    );
  });

  it('accepts copy that makes no claim', () => {
    expect(claimRules('Ada, your weekly picks are here')).toEqual([]);
    expect(claimRules('Petal & Co的Rose Lip Balm，现价US$12.50。', zhPlain, 'blurb')).toEqual([]);
  });

  it('lets popularity claims through when the lead product was picked for popularity', () => {
    const popular = request({ products: [product({ reason: 'popular' })] });
    expect(claimRules('Our most popular pick: Rose Lip Balm', popular)).toEqual([]);
    expect(claimRules('本周人气好物', { ...popular, locale: 'zh-CN' })).toEqual([]);
    // Popularity backs popularity only.
    expect(claimRules('Our newest bestseller', popular)[0]?.detail).toBe('novelty: newest');
  });

  it('does not count claim words inside facts: titles, brands, store names, reasons', () => {
    const named = request({
      storeName: 'Newport Outlet',
      products: [
        product({ title: 'Bestseller Lip Kit', brand: 'New Balance', reason: 'similar_to_viewed' }),
        product({
          productId: 'p2',
          title: 'Limited Edition Tote',
          brand: 'Top #1 Goods',
          reason: 'category',
        }),
      ],
    });
    expect(
      claimRules('Bestseller Lip Kit from New Balance and Limited Edition Tote by Top #1 Goods', named),
    ).toEqual([]);
    const reasoned = request({ products: [product({ reason: 'Popular with shoppers like you' })] });
    expect(claimRules('Rose Lip Balm. Popular with shoppers like you.', reasoned, 'blurb')).toEqual([]);
  });

  it('judges each blurb by its own product and email-level fields by the lead product', () => {
    const req = request({
      products: [
        product({ productId: 'a', title: 'Rose Lip Balm', reason: 'popular' }),
        product({ productId: 'b', title: 'Linen Tote', brand: 'Loom', price: 39, reason: 'category' }),
      ],
    });
    const copy: EmailCopy = {
      subject: 'A shopper favourite: Rose Lip Balm',
      preheader: 'Picked for you.',
      greeting: 'Hi Ada,',
      intro: 'Here is what we picked for you this week.',
      products: [
        { productId: 'a', blurb: 'Rose Lip Balm, a shopper favourite, $12.50.' },
        { productId: 'b', blurb: 'Linen Tote, a shopper favourite, $39.00.' },
      ],
      callToAction: 'Take a look',
      variant: 'a',
      generator: 'test',
    };
    const vs = checkCopy(copy, req, opts).filter((v) => v.rule === 'unbacked_claim');
    expect(vs.map((v) => v.field)).toEqual(['blurb:b']);

    // Lead is the discounted product, which was not picked for popularity.
    const discounted = request({
      products: [
        product({ productId: 'a', reason: 'popular' }),
        product({ productId: 'b', title: 'Linen Tote', price: 39, discountPercent: 20, reason: 'category' }),
      ],
    });
    expect(checkCopy(copy, discounted, opts).map((v) => `${v.field}:${v.rule}`)).toContain(
      'subject:unbacked_claim',
    );
  });
});
