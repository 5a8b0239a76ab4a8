import type { CampaignType, Tone } from '../types.js';

/** Subject styles; each is an arm the bandit can pick. */
export const SUBJECT_VARIANTS = ['personal', 'benefit', 'curiosity', 'urgency'] as const;
export type SubjectVariant = (typeof SUBJECT_VARIANTS)[number];

/** Coarse shopper kinds that free-form segment names map onto. */
export const SEGMENT_KINDS = ['loyal', 'vip', 'new', 'lapsed', 'deal', 'general'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** Why a product was picked, when the reason is a machine code rather than a sentence. */
export const REASON_CODES = [
  'trigger',
  'similar_to_viewed',
  'similar_to_bought',
  'segment_popular',
  'popular',
  'category',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Lines with slots: {name} {store} {product} {brand} {category} {price} {discount}. A line is only
 * used when every slot it names has a value, so a line with {discount} never appears for a product
 * without a real discount. Lines carry no numbers of their own: every digit comes from a fact.
 */
export interface PhraseBank {
  subjects: Record<CampaignType, Record<SubjectVariant, readonly string[]>>;
  preheaders: Record<CampaignType, readonly string[]>;
  greetings: Record<Tone, { named: readonly string[]; anonymous: readonly string[] }>;
  intros: Record<CampaignType, readonly string[]>;
  /** Optional second sentence of the intro, per shopper kind; empty lists add nothing. */
  segmentLines: Record<SegmentKind, readonly string[]>;
  blurbs: { plain: readonly string[]; discount: readonly string[] };
  /** Reason sentences: {reason} is the free-text reason, {subject} the product it refers to. */
  reasons: Record<ReasonCode, readonly string[]> & { because: readonly string[] };
  /** Free-text reasons this locale can restate ("because you viewed X" -> verb and object). */
  reasonVerbs: Record<'viewed' | 'bought' | 'added' | 'liked', readonly string[]>;
  ctas: Record<CampaignType, Record<Tone, readonly string[]>>;
  /** Display names for known category keys; unknown categories are shown as stored. */
  categories: Record<string, string>;
  /** Length limit for subjects in this locale, counted in code points. */
  subjectMax: number;
  preheaderMax: number;
  /** Joins sentences (a space in English, nothing in Chinese). */
  sentenceJoin: string;
}
