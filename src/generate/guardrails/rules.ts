import type { Locale } from '../types.js';
import { unbackedClaims, type ClaimBacking } from './claim-backing.js';
import { CHINESE_AMOUNT, REPEATED_PUNCTUATION, SPAM_TRIGGERS } from './lexicon.js';
import { LENGTH_LIMITS, type CopyField } from './limits.js';

export const RULES = [
  'empty',
  'unfilled_slot',
  'invented_number',
  'too_long',
  'spam',
  'banned_phrase',
  'shouting',
  'unknown_product',
  'wrong_script',
  'low_confidence',
  'unbacked_claim',
] as const;
export type RuleName = (typeof RULES)[number];

export interface Violation {
  field: string;
  rule: RuleName;
  detail: string;
}

/** The facts one email may state, precomputed once per request. */
export interface FactContext {
  locale: Locale;
  /**
   * Fact strings (titles, brands, prices as formatted ...); stripped before number and caps checks,
   * longest first so a title is removed before a brand it contains. `factContext` sorts them once.
   */
  factStrings: readonly string[];
  /** Numbers the facts allow. */
  factNumbers: readonly number[];
  /**
   * Claims (new, popular, scarce, ending soon, the best) the data behind this field backs: the
   * lead product's for email-level fields, the product's own for its blurb.
   */
  claims: ClaimBacking;
}

export interface GuardrailOptions {
  /** Extra phrases from config (BANNED_PHRASES), matched case-insensitively. */
  bannedPhrases: readonly string[];
}

function stripFacts(text: string, longestFirst: readonly string[]): string {
  let out = text;
  for (const f of longestFirst) if (f.length > 0 && out.includes(f)) out = out.split(f).join(' ');
  return out;
}

/** Fact strings in the order `checkText` strips them. */
export function longestFirst(facts: readonly string[]): string[] {
  return [...new Set(facts)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

const NUMBER = /\d+(?:[.,]\d+)*/g;
const FULL_WIDTH_DIGIT = /[０-９]/;

/** Checks one filled field; returns every rule it breaks (empty when it passes). */
export function checkText(
  text: string,
  field: CopyField,
  facts: FactContext,
  options: GuardrailOptions,
): Violation[] {
  const out: Violation[] = [];
  const v = (rule: RuleName, detail: string): void => {
    out.push({ field, rule, detail });
  };
  if (text.trim().length === 0) v('empty', 'no text');

  const slot = /\{[^{}]*\}|\{|\}/.exec(text);
  if (slot) v('unfilled_slot', slot[0]);

  const limit = LENGTH_LIMITS[facts.locale][field];
  if ([...text].length > limit) v('too_long', `${[...text].length} > ${limit}`);

  const lower = text.toLowerCase();
  const withoutFacts = stripFacts(text, facts.factStrings);
  const lowerWithoutFacts = withoutFacts.toLowerCase();

  for (const m of withoutFacts.matchAll(NUMBER)) {
    const n = Number(m[0].replace(/,/g, ''));
    const allowed = facts.factNumbers.some((f) => Math.abs(f - n) < 0.005);
    if (!allowed) {
      v('invented_number', m[0]);
      break;
    }
  }
  if (FULL_WIDTH_DIGIT.test(withoutFacts)) v('invented_number', 'full-width digit');
  const cn = CHINESE_AMOUNT.exec(withoutFacts);
  if (cn) v('invented_number', cn[0]);

  for (const phrase of [...SPAM_TRIGGERS.en, ...SPAM_TRIGGERS['zh-CN']]) {
    if (lowerWithoutFacts.includes(phrase)) {
      v('spam', phrase);
      break;
    }
  }
  if (REPEATED_PUNCTUATION.test(withoutFacts)) v('spam', 'repeated punctuation');

  // "New", "best-selling", "only a few left" are facts like prices: only data may state them.
  const claims = unbackedClaims(lowerWithoutFacts, facts.claims);
  if (claims.length) v('unbacked_claim', claims.join('; '));

  for (const phrase of options.bannedPhrases) {
    if (phrase && lower.includes(phrase.toLowerCase())) {
      v('banned_phrase', phrase);
      break;
    }
  }

  // Words in the other script than the locale's, outside the facts, are garbled or untranslated copy.
  if (facts.locale === 'zh-CN' ? /[A-Za-z]{2,}/.test(withoutFacts) : /[\p{Script=Han}]/u.test(withoutFacts)) {
    v('wrong_script', facts.locale);
  }

  const capsWord = /\b[A-Z]{4,}\b/.exec(withoutFacts);
  const letters = withoutFacts.replace(/[^A-Za-z]/g, '');
  const upper = withoutFacts.replace(/[^A-Z]/g, '');
  if (capsWord) v('shouting', capsWord[0]);
  else if (letters.length >= 8 && upper.length / letters.length > 0.5) v('shouting', 'mostly capitals');
  return out;
}
