import { describe, expect, it } from 'vitest';
import { composeCopy, SUBJECT_VARIANTS } from '../../../src/generate/composer/index.js';
import { checkCopy } from '../../../src/generate/guardrails/index.js';
import { REASON_CODES, type ReasonCode } from '../../../src/generate/composer/phrase-bank.js';
import { reasonText } from '../../../src/generate/reason-text.js';
import { CAMPAIGN_TYPES, LOCALES, TONES, type CopyRequest } from '../../../src/generate/types.js';
import { PRODUCTS, request } from './fixtures.js';

const REASONS: readonly ReasonCode[] = REASON_CODES;
const SEGMENTS = ['loyal regulars', 'vip big spenders', 'new shoppers', 'lapsed', 'deal hunters', 'browsers'];

const claims = (r: CopyRequest) =>
  checkCopy(composeCopy(r), r, { bannedPhrases: [] }).filter((v) => v.rule === 'unbacked_claim');

describe('composer copy and the unbacked_claim rule', () => {
  it('makes no unbacked claim for any locale, campaign, tone, variant or segment', () => {
    for (const locale of LOCALES)
      for (const campaignType of CAMPAIGN_TYPES)
        for (const tone of TONES)
          for (const variant of SUBJECT_VARIANTS)
            for (const segmentName of SEGMENTS)
              for (const seed of [1, 7]) {
                const r = request({ locale, campaignType, tone, variant, segmentName, seed });
                expect(claims(r), JSON.stringify([locale, campaignType, tone, variant, segmentName])).toEqual(
                  [],
                );
              }
  });

  it('states popularity only for products picked for it, whether the reason is a code or a sentence', () => {
    for (const locale of LOCALES)
      for (const code of REASONS)
        for (const reason of [code, reasonText(locale, code, 'Hydra Serum')])
          for (const seed of [1, 2, 3, 4]) {
            const products = PRODUCTS.map((p) => ({ ...p, reason }));
            expect(claims(request({ locale, products, seed })), `${locale} ${reason}`).toEqual([]);
          }
  });
});
