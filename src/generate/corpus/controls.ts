import { CAMPAIGN_TYPES, LOCALES, TONES, type CampaignType, type Locale, type Tone } from '../types.js';

/** The fields the model writes; the greeting is a short deterministic line. */
export const FIELDS = ['subject', 'preheader', 'intro', 'blurb', 'cta'] as const;
export type Field = (typeof FIELDS)[number];

/** Coarse segment classes the model is conditioned on; free-form segment names map onto them. */
export const SEGMENT_CLASSES = ['new', 'loyal', 'vip', 'deal', 'lapsed', 'general', 'any'] as const;
export type SegmentClass = (typeof SEGMENT_CLASSES)[number];

const SEGMENT_RULES: [RegExp, SegmentClass][] = [
  [/lapsed|churn|at[ -]risk|inactive|dormant|win[ -]?back|sleeping|流失|沉睡/i, 'lapsed'],
  [/vip|big[ -]spend|high[ -]value|premium|top|whale|高价值|大客户/i, 'vip'],
  [/bargain|deal|discount|sale|price|coupon|thrift|折扣|优惠/i, 'deal'],
  [/loyal|repeat|regular|frequent|returning|忠实|老客/i, 'loyal'],
  [/new|first|recent sign|welcome|novice|新客/i, 'new'],
];

export function segmentClass(segmentName: string): SegmentClass {
  for (const [re, cls] of SEGMENT_RULES) if (re.test(segmentName)) return cls;
  return 'general';
}

/** Everything the model is conditioned on for one field. */
export interface FieldContext {
  campaign: CampaignType;
  locale: Locale;
  segment: SegmentClass;
  tone: Tone;
  field: Field;
  hasName: boolean;
  hasDiscount: boolean;
  /** The locale can name the category (a Chinese email cannot use an English-only category). */
  hasCategory: boolean;
}

export const PROMPT_LENGTH = 9;

export function promptTokens(ctx: FieldContext): string[] {
  return [
    '<bos>',
    `<c:${ctx.campaign}>`,
    `<l:${ctx.locale}>`,
    `<s:${ctx.segment}>`,
    `<t:${ctx.tone}>`,
    `<f:${ctx.field}>`,
    ctx.hasName ? '<n:1>' : '<n:0>',
    ctx.hasDiscount ? '<d:1>' : '<d:0>',
    ctx.hasCategory ? '<g:1>' : '<g:0>',
  ];
}

export const SPECIAL_TOKENS = ['<pad>', '<bos>', '<eos>', '<unk>'] as const;

export function controlTokens(): string[] {
  return [
    ...CAMPAIGN_TYPES.map((c) => `<c:${c}>`),
    ...LOCALES.map((l) => `<l:${l}>`),
    ...SEGMENT_CLASSES.map((s) => `<s:${s}>`),
    ...TONES.map((t) => `<t:${t}>`),
    ...FIELDS.map((f) => `<f:${f}>`),
    '<n:0>',
    '<n:1>',
    '<d:0>',
    '<d:1>',
    '<g:0>',
    '<g:1>',
  ];
}
