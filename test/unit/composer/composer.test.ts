import { describe, expect, it } from 'vitest';
import {
  composeCopy,
  createComposer,
  formatPrice,
  PHRASE_BANKS,
  SUBJECT_VARIANTS,
} from '../../../src/generate/composer/index.js';
import { CAMPAIGN_TYPES, LOCALES, TONES, type CopyRequest } from '../../../src/generate/types.js';
import { copyText, inventedNumbers } from './fact-check.js';
import { PRODUCTS, request } from './fixtures.js';

const SPAM = [
  /free!/i,
  /act now/i,
  /100%/,
  /guarantee/i,
  /click here/i,
  /\$\$/,
  /!!/,
  /limited time/i,
  /限时/,
  /免费/,
];
const ALL_CAPS = /\b[A-Z]{2,}\b/;
const cjkLength = (s: string) => [...s].length;

function* allRequests(): Generator<CopyRequest> {
  for (const locale of LOCALES)
    for (const campaignType of CAMPAIGN_TYPES)
      for (const tone of TONES)
        for (const variant of [...SUBJECT_VARIANTS, undefined])
          for (const seed of [1, 7, 99])
            for (const firstName of ['Ada', undefined]) {
              yield request({ locale, campaignType, tone, variant, seed, firstName });
            }
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe('composer', () => {
  it('never prints a number that is not in the facts, for every locale, campaign, tone and variant', () => {
    for (const r of allRequests()) {
      const copy = composeCopy(r);
      expect(
        inventedNumbers(copy, r),
        JSON.stringify({ r: [r.locale, r.campaignType, r.seed], copy }),
      ).toEqual([]);
    }
  });

  it('fills every field with real text and no leftover slots', () => {
    for (const r of allRequests()) {
      const copy = composeCopy(r);
      for (const field of [copy.subject, copy.preheader, copy.greeting, copy.intro, copy.callToAction]) {
        expect(field.length).toBeGreaterThan(0);
      }
      expect(copyText(copy)).not.toMatch(/[{}]|undefined|NaN/);
      expect(copy.products.map((p) => p.productId)).toEqual(PRODUCTS.map((p) => p.productId));
      expect(copy.generator).toBe('composer');
    }
  });

  it('keeps subjects and preheaders within length limits', () => {
    for (const r of allRequests()) {
      const copy = composeCopy(r);
      expect(cjkLength(copy.subject)).toBeLessThanOrEqual(r.locale === 'en' ? 70 : 30);
      expect(cjkLength(copy.preheader)).toBeLessThanOrEqual(110);
    }
  });

  it('phrase banks have no all-caps words, no spammy phrases and no digits of their own', () => {
    for (const locale of LOCALES) {
      const strings = allStrings({ ...PHRASE_BANKS[locale], subjectMax: 0, preheaderMax: 0 });
      expect(strings.length).toBeGreaterThan(100);
      for (const s of strings) {
        expect(s, s).not.toMatch(ALL_CAPS);
        expect(s, s).not.toMatch(/\d/);
        for (const spam of SPAM) expect(s, s).not.toMatch(spam);
      }
    }
  });

  it('is deterministic for the same request and seed, and varies across seeds', () => {
    for (const locale of LOCALES) {
      expect(composeCopy(request({ locale, seed: 5 }))).toEqual(composeCopy(request({ locale, seed: 5 })));
      const subjects = new Set<string>();
      const intros = new Set<string>();
      for (let seed = 0; seed < 40; seed++) {
        const copy = composeCopy(request({ locale, seed }));
        subjects.add(copy.subject);
        intros.add(copy.intro);
      }
      expect(subjects.size).toBeGreaterThan(5);
      expect(intros.size).toBeGreaterThan(2);
    }
    const noSeed = request({ seed: undefined });
    expect(composeCopy(noSeed)).toEqual(composeCopy(noSeed));
  });

  it('uses the requested variant, or picks one deterministically from the seed', () => {
    for (const variant of SUBJECT_VARIANTS) expect(composeCopy(request({ variant })).variant).toBe(variant);
    const picked = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const v = composeCopy(request({ seed, variant: undefined })).variant;
      expect(SUBJECT_VARIANTS).toContain(v);
      picked.add(v);
    }
    expect(picked.size).toBe(SUBJECT_VARIANTS.length);
    expect(SUBJECT_VARIANTS).toContain(composeCopy(request({ variant: 'made-up-arm' })).variant);
  });

  it('mentions a discount only when a product has one', () => {
    const plain = PRODUCTS.map(({ discountPercent: _d, ...p }) => p);
    for (const r of allRequests()) {
      const text = copyText(composeCopy({ ...r, products: plain })).replace(/left off/g, '');
      expect(text).not.toMatch(/%|discount|\boff\b|优惠/i);
    }
    const discounted = copyText(composeCopy(request({ variant: 'benefit', campaignType: 'weekly_digest' })));
    expect(discounted).toContain('15%');
  });

  it('formats every price from the fact with Intl for the locale and currency', () => {
    for (const locale of LOCALES) {
      const copy = composeCopy(request({ locale }));
      PRODUCTS.forEach((p, i) => {
        const blurb = copy.products[i]?.blurb ?? '';
        expect(blurb).toContain(p.title);
        expect(blurb).toContain(formatPrice(p.price, p.currency, locale));
        expect(blurb).toContain(
          new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
            style: 'currency',
            currency: p.currency,
          }).format(p.price),
        );
      });
    }
  });

  it('greets by first name when known and neutrally otherwise', () => {
    for (const locale of LOCALES) {
      for (const tone of TONES) {
        expect(composeCopy(request({ locale, tone, firstName: 'Ada' })).greeting).toContain('Ada');
        const anonymous = composeCopy(request({ locale, tone, firstName: undefined })).greeting;
        expect(anonymous.length).toBeGreaterThan(0);
        expect(anonymous).not.toContain('Ada');
      }
    }
    // An address is never printed as a name.
    expect(composeCopy(request({ firstName: 'ada@example.org' })).greeting).not.toContain('@');
  });

  it('explains why each product was picked', () => {
    const en = composeCopy(request({ locale: 'en' }));
    expect(en.products[0]?.blurb).toMatch(/because you viewed Hydra Serum 2/);
    const zh = composeCopy(request({ locale: 'zh-CN' }));
    expect(zh.products[0]?.blurb).toMatch(/Hydra Serum 2/);
    expect(zh.products[0]?.blurb).toMatch(/[浏看]/);
  });

  it('writes natural Chinese for zh-CN (Chinese punctuation, category names translated)', () => {
    for (const campaignType of CAMPAIGN_TYPES) {
      const copy = composeCopy(request({ locale: 'zh-CN', campaignType }));
      expect(copy.intro).toMatch(/[\u4e00-\u9fff]/);
      expect(copy.intro).toMatch(/。$/);
      expect(copyText(copy)).not.toMatch(/\bskincare\b|\bmakeup\b|\bfragrance\b|Hi there|Thank you/);
    }
  });

  it('thanks loyal shoppers and welcomes back lapsed ones', () => {
    const loyal = new Set<string>();
    const lapsed = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      loyal.add(composeCopy(request({ seed, segmentName: 'loyal regulars' })).intro);
      lapsed.add(composeCopy(request({ seed, segmentName: 'lapsed shoppers' })).intro);
    }
    expect([...loyal].some((i) => /thank you for being/i.test(i))).toBe(true);
    expect([...lapsed].some((i) => /missed you|see you back/i.test(i))).toBe(true);
  });

  it('handles an email without products', async () => {
    const composer = createComposer();
    expect(composer.name).toBe('composer');
    const copy = await composer.generate(request({ products: [] }));
    expect(copy.products).toEqual([]);
    expect(copy.subject.length).toBeGreaterThan(0);
    expect(copyText(copy)).not.toMatch(/[{}]|undefined/);
    await composer.close();
  });
});
