import { describe, expect, it } from 'vitest';
import { createComposer } from '../../../src/generate/composer/index.js';
import { createGuardedGenerator } from '../../../src/generate/guarded-generator.js';
import { countersSnapshot, createGuardrails, resetCounters } from '../../../src/generate/guardrails/index.js';
import type { CopyGenerator, CopyRequest, EmailCopy } from '../../../src/generate/types.js';
import { createLogger } from '../../../src/logger.js';
import { product, request } from './helpers.js';

/** Stands in for a model that learned "New this week" and "best-selling" from an old phrase bank. */
function claimingGenerator(blurb: string): CopyGenerator {
  return {
    name: 'claiming',
    async generate(r: CopyRequest): Promise<EmailCopy> {
      return {
        subject: 'Your picks from Acme Store',
        preheader: 'A few things we think you will like.',
        greeting: 'Hi Ada,',
        intro: 'Here is what we picked for you this week.',
        products: r.products.map((p) => ({ productId: p.productId, blurb: `${p.title}: ${blurb}` })),
        callToAction: 'Take a look',
        variant: 'personal',
        generator: 'claiming',
      };
    },
    async close(): Promise<void> {},
  };
}

function guarded(blurb: string): CopyGenerator {
  return createGuardedGenerator({
    primary: claimingGenerator(blurb),
    fallback: createComposer(),
    guardrails: createGuardrails({ bannedPhrases: [] }),
    logger: createLogger('test', 'silent'),
  });
}

const req = request({ products: [product({ reason: 'similar_to_viewed' })] });

describe('guarded generator with the unbacked_claim rule', () => {
  it('replaces copy that makes an unbacked claim with the composer, and counts why', async () => {
    resetCounters();
    for (const [blurb, locale] of [
      ['new this week.', 'en'],
      ['a best-selling pick.', 'en'],
      ['only a few left.', 'en'],
      ['sale ends tonight.', 'en'],
      ['本周新品。', 'zh-CN'],
      ['爆款推荐。', 'zh-CN'],
    ] as const) {
      const copy = await guarded(blurb).generate({ ...req, locale });
      expect(copy.generator, blurb).toBe('composer');
    }
    // The English shell of the zh-CN copies also breaks wrong_script, so count every reason naming the rule.
    const fallbacks = Object.entries(countersSnapshot().fallbacks);
    const claimFallbacks = fallbacks.filter(([reason]) => reason.split(',').includes('unbacked_claim'));
    expect(claimFallbacks.reduce((sum, [, n]) => sum + n, 0)).toBe(6);
  });

  it('keeps the primary copy when the data backs the claim or there is none', async () => {
    const popular = request({ products: [product({ reason: 'popular' })] });
    expect((await guarded('a shopper favourite.').generate(popular)).generator).toBe('claiming');
    expect((await guarded('a lovely pick.').generate(req)).generator).toBe('claiming');
  });
});
