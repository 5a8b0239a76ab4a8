import { reasonText } from '../reason-text.js';
import { LOCALES } from '../types.js';
import { findClaims, type ClaimKind } from './claim-patterns.js';

/** Which kinds of claim the data behind one field backs. */
export type ClaimBacking = Readonly<Record<ClaimKind, boolean>>;

/** Stock at or below this is "low": the only stock level that backs a scarcity claim. */
export const LOW_STOCK = 5;

/** Catalogue tag that marks a product as new; the only thing that backs a novelty claim. */
export const NEW_TAG = 'new';

/**
 * The data a claim can rest on. `ProductFact` satisfies it; `tags` and `stock` are read when a
 * request carries them (today's `ProductFact` does not, so novelty and scarcity are never backed).
 */
export interface ClaimEvidence {
  /** The recommender's reason: a code ('popular') or its sentence ("Popular with shoppers like you"). */
  reason: string;
  tags?: readonly string[];
  stock?: number;
}

export const NOTHING_BACKED: ClaimBacking = {
  novelty: false,
  popularity: false,
  scarcity: false,
  urgency: false,
  superlative: false,
};

const POPULAR_CODES = ['popular', 'segment_popular'] as const;

function normalReason(reason: string): string {
  return reason
    .trim()
    .replace(/[.。!！]+$/, '')
    .toLowerCase();
}

/** The popularity reasons as codes and as the sentences `reasonText` writes for them, any locale. */
const POPULAR_REASONS = new Set<string>([
  ...POPULAR_CODES,
  ...LOCALES.flatMap((l) => POPULAR_CODES.map((c) => normalReason(reasonText(l, c)))),
]);

/** The recommender picked it because shoppers buy it (store-wide or in the shopper's segment). */
export function pickedForPopularity(reason: string): boolean {
  const text = normalReason(reason);
  return POPULAR_REASONS.has(text) || POPULAR_REASONS.has(text.replace(/[\s-]+/g, '_'));
}

/**
 * What one product's data backs. Urgency needs an offer end time and superlatives a ranking the
 * request never carries, so they are never backed.
 */
export function productBacking(p: ClaimEvidence | undefined): ClaimBacking {
  if (!p) return NOTHING_BACKED;
  return {
    novelty: p.tags?.some((t) => t.trim().toLowerCase() === NEW_TAG) ?? false,
    popularity: pickedForPopularity(p.reason),
    scarcity: p.stock !== undefined && p.stock > 0 && p.stock <= LOW_STOCK,
    urgency: false,
    superlative: false,
  };
}

/** One detail per kind of claim the text makes that `backing` does not allow. */
export function unbackedClaims(lowerWithoutFacts: string, backing: ClaimBacking): string[] {
  return findClaims(lowerWithoutFacts)
    .filter((c) => !backing[c.kind])
    .map((c) => `${c.kind}: ${c.phrase}`);
}
