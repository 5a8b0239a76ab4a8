import { CAMPAIGN_TYPES, LOCALES, TONES, type CampaignType, type Locale } from '../types.js';
import { pretokenize, type Tokenizer } from '../tokenizer/tokenizer.js';
import {
  FIELDS,
  PROMPT_LENGTH,
  SEGMENT_CLASSES,
  promptTokens,
  type Field,
  type FieldContext,
  type SegmentClass,
} from './controls.js';
import { applicableTemplates, templatesFor } from './phrase-bank.js';
import { PHRASE_BANKS } from './phrase-bank.js';
import { allExpansions, sampleExpansion } from './template.js';

/** One training line: the control context and the delexicalised text. */
export interface Example {
  ctx: FieldContext;
  text: string;
}

export type Split = 'train' | 'heldout';

const EMAIL_SEGMENTS = SEGMENT_CLASSES.filter((s) => s !== 'any');
const FIELD_WEIGHTS: Record<Field, number> = { subject: 1, preheader: 1, intro: 1.4, blurb: 1.2, cta: 0.5 };

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** About one line in ten never reaches training; perplexity on them measures generalisation. */
export function isHeldOut(text: string): boolean {
  return fnv1a(text) % 10 === 0;
}

function pick<T>(xs: readonly T[], rand: () => number): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function pickField(rand: () => number): Field {
  const total = FIELDS.reduce((s, f) => s + FIELD_WEIGHTS[f], 0);
  let r = rand() * total;
  for (const f of FIELDS) {
    r -= FIELD_WEIGHTS[f];
    if (r <= 0) return f;
  }
  return 'cta';
}

export function sampleContext(rand: () => number): FieldContext {
  const field = pickField(rand);
  const blurb = field === 'blurb';
  return {
    campaign: pick(CAMPAIGN_TYPES, rand),
    locale: pick(LOCALES, rand),
    segment: blurb ? 'any' : pick(EMAIL_SEGMENTS, rand),
    tone: pick(TONES, rand),
    field,
    hasName: blurb ? false : rand() < 0.6,
    hasDiscount: rand() < 0.5,
    hasCategory: rand() < 0.75,
  };
}

function fitsFacts(text: string, ctx: FieldContext): boolean {
  if (!ctx.hasName && text.includes('{name}')) return false;
  if (!ctx.hasDiscount && text.includes('{discount}')) return false;
  if (!ctx.hasCategory && text.includes('{category}')) return false;
  return true;
}

/** Draws one line for a context; lines that use an available fact are preferred, as real copy would. */
export function sampleText(ctx: FieldContext, split: Split, rand: () => number): string | undefined {
  const fitting = applicableTemplates(ctx.locale, ctx.field, ctx.campaign, ctx.tone, ctx.segment).filter(
    (t) => fitsFacts(t.text, ctx),
  );
  if (fitting.length === 0) return undefined;
  let pool = fitting;
  if (ctx.hasDiscount && rand() < 0.5) pool = fitting.filter((t) => t.text.includes('{discount}'));
  else if (ctx.hasName && rand() < 0.4) pool = fitting.filter((t) => t.text.includes('{name}'));
  if (pool.length === 0) pool = fitting;
  const macros = PHRASE_BANKS[ctx.locale].macros;
  for (let attempt = 0; attempt < 30; attempt++) {
    const text = sampleExpansion(pick(pool, rand), macros, ctx.tone, ctx.segment, rand);
    if (fitsFacts(text, ctx) && isHeldOut(text) === (split === 'heldout')) return text;
  }
  return undefined;
}

export function sampleExample(rand: () => number, split: Split = 'train'): Example {
  for (;;) {
    const ctx = sampleContext(rand);
    const text = sampleText(ctx, split, rand);
    if (text !== undefined) return { ctx, text };
  }
}

/** Prompt + text + <eos>, as token ids. */
export function encodeExample(tok: Tokenizer, ex: Example): number[] {
  return [...promptTokens(ex.ctx).map((t) => tok.id(t)), ...tok.encode(ex.text), tok.eosId];
}

export { PROMPT_LENGTH };

function contextsOf(
  field: Field,
): { campaign: CampaignType; tone: (typeof TONES)[number]; segment: SegmentClass }[] {
  const segs = field === 'blurb' ? (['any'] as const) : EMAIL_SEGMENTS;
  return CAMPAIGN_TYPES.flatMap((campaign) =>
    TONES.flatMap((tone) => segs.map((segment) => ({ campaign, tone, segment }))),
  );
}

const linesCache = new Map<string, Set<string>>();

/** Every line the phrase bank can produce for a locale and field (held-out lines included). */
export function corpusLines(locale: Locale, field: Field): Set<string> {
  const key = `${locale}|${field}`;
  let set = linesCache.get(key);
  if (!set) {
    set = new Set();
    for (const c of contextsOf(field)) {
      for (const t of applicableTemplates(locale, field, c.campaign, c.tone, c.segment)) {
        for (const line of allExpansions(t, PHRASE_BANKS[locale].macros, c.tone, c.segment)) set.add(line);
      }
    }
    linesCache.set(key, set);
  }
  return set;
}

/** All text pieces of the corpus, for building the vocabulary. */
export function corpusPieces(): Set<string> {
  const pieces = new Set<string>();
  for (const locale of LOCALES) {
    for (const field of FIELDS) {
      for (const line of corpusLines(locale, field)) for (const p of pretokenize(line)) pieces.add(p);
    }
    for (const tone of TONES) {
      const g = PHRASE_BANKS[locale].greetings[tone];
      for (const line of [...g.named, ...g.anonymous]) for (const p of pretokenize(line)) pieces.add(p);
    }
  }
  return pieces;
}

export { templatesFor };
