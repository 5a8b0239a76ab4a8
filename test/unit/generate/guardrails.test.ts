import { describe, expect, it } from 'vitest';
import { checkCopy, factContext } from '../../../src/generate/guardrails/index.js';
import { checkText } from '../../../src/generate/guardrails/rules.js';
import type { EmailCopy } from '../../../src/generate/types.js';
import { request } from './helpers.js';

const req = request();
const facts = factContext(req);
const opts = { bannedPhrases: ['cheap thrills'] };
const rules = (text: string, field: 'subject' | 'intro' = 'subject') =>
  checkText(text, field, facts, opts).map((v) => v.rule);

const good: EmailCopy = {
  subject: 'Ada, your weekly picks are here',
  preheader: 'Save 20% on Linen Tote and more this week.',
  greeting: 'Hi Ada,',
  intro: 'We rounded up a few lovely things, starting with Linen Tote at $39.00.',
  products: [
    { productId: 'p1', blurb: 'Rose Lip Balm from Petal & Co, now at $12.50.' },
    { productId: 'p2', blurb: 'Now 20% off: Linen Tote for $39.00.' },
  ],
  callToAction: 'Browse the edit',
  variant: 'a',
  generator: 'test',
};

describe('guardrails', () => {
  it('passes good copy in both locales', () => {
    expect(checkCopy(good, req, opts)).toEqual([]);
    const zh = request({ locale: 'zh-CN' });
    const zhCopy: EmailCopy = {
      ...good,
      subject: 'Ada，你的每周精选来啦',
      preheader: '本周Linen Tote等好物享20%优惠。',
      greeting: 'Ada，你好！',
      intro: '我们挑选了几件好物，Linen Tote只要US$39.00。',
      products: [{ productId: 'p1', blurb: 'Petal & Co的Rose Lip Balm，现价US$12.50。' }],
      callToAction: '逛逛精选',
    };
    expect(checkCopy(zhCopy, zh, opts)).toEqual([]);
  });

  it('rejects an unfilled or unknown slot', () => {
    expect(rules('Hi {name}, new picks')).toContain('unfilled_slot');
    expect(rules('Hello {coupon}')).toContain('unfilled_slot');
  });

  it('rejects numbers and prices that are not facts', () => {
    expect(rules('Save 35% today')).toContain('invented_number');
    expect(rules('Only $9.99 this week')).toContain('invented_number');
    expect(rules('全场五折')).toContain('invented_number');
    expect(rules('Save 20% on Linen Tote')).toEqual([]);
    expect(rules('Linen Tote for $39.00')).toEqual([]);
  });

  it('rejects text over the length limit for its field and locale', () => {
    expect(rules('a'.repeat(91))).toContain('too_long');
    expect(
      checkText('好'.repeat(46), 'subject', factContext(request({ locale: 'zh-CN' })), opts).map(
        (v) => v.rule,
      ),
    ).toContain('too_long');
  });

  it('rejects spam triggers and repeated punctuation', () => {
    expect(rules('Click here for free money')).toContain('spam');
    expect(rules('New picks!!!')).toContain('spam');
    expect(rules('恭喜您获得大礼')).toContain('spam');
  });

  it('rejects banned phrases from config', () => {
    expect(rules('Cheap thrills inside')).toContain('banned_phrase');
  });

  it('rejects shouting but not capitals in facts', () => {
    expect(rules('HUGE picks this week')).toContain('shouting');
    const caps = request({ storeName: 'ACME STORE' });
    expect(checkText('Fresh from ACME STORE', 'subject', factContext(caps), opts)).toEqual([]);
  });

  it('rejects blurbs for products that are not in the request', () => {
    const bad = { ...good, products: [{ productId: 'nope', blurb: 'Nice.' }] };
    expect(checkCopy(bad, req, opts).map((v) => v.rule)).toContain('unknown_product');
  });

  it('rejects words in the wrong script for the locale, outside the facts', () => {
    const zhFacts = factContext(request({ locale: 'zh-CN' }));
    expect(checkText('本周精选 ready to go', 'subject', zhFacts, opts).map((v) => v.rule)).toContain(
      'wrong_script',
    );
    expect(checkText('本周Linen Tote享20%优惠', 'subject', zhFacts, opts)).toEqual([]);
    expect(rules('New picks 精选')).toContain('wrong_script');
  });

  it('rejects empty fields', () => {
    expect(checkCopy({ ...good, callToAction: ' ' }, req, opts).map((v) => v.rule)).toContain('empty');
  });
});
