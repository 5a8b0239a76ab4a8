import type { CatalogProduct } from '../catalog/product-catalog.js';

export type PickReason =
  'trigger' | 'similar_to_viewed' | 'similar_to_bought' | 'segment_popular' | 'popular' | 'category';

export interface Candidate {
  productId: string;
  score: number;
  reason: PickReason;
  becauseOf?: string;
}

export interface RulePick {
  productId: string;
  reason: PickReason;
  becauseOf?: string;
}

export interface RuleContext {
  lookup: (id: string) => CatalogProduct | undefined;
  count: number;
  maxPerCategory: number;
  /** Bought within the "recently" window: never recommended again. */
  recentlyBought: Set<string>;
  /** Explicit exclusions (already in this email, manual blocks). */
  exclude?: Set<string>;
  /** Shopper's price band; products far above it are demoted, not dropped. */
  priceBand?: 'budget' | 'mid' | 'premium';
  priceCuts?: [number, number];
}

/**
 * Business rules, kept outside the scorer: in stock, not bought recently, no repeats, at most N per
 * category, price band. Candidates arrive best first; trigger products (the abandoned cart) are
 * exempt from the recently-bought rule because they are the email's subject.
 */
export function applyRules(candidates: Candidate[], ctx: RuleContext): RulePick[] {
  const picked: RulePick[] = [];
  const seen = new Set<string>();
  const perCategory = new Map<string, number>();
  const ranked = candidates
    .map((c, i) => ({ c, i, penalty: pricePenalty(ctx, c) }))
    .sort((a, b) => b.c.score * b.penalty - a.c.score * a.penalty || a.i - b.i)
    .map((x) => x.c);
  const ordered = [
    ...ranked.filter((c) => c.reason === 'trigger'),
    ...ranked.filter((c) => c.reason !== 'trigger'),
  ];
  for (const c of ordered) {
    if (picked.length >= ctx.count) break;
    if (seen.has(c.productId) || ctx.exclude?.has(c.productId)) continue;
    const product = ctx.lookup(c.productId);
    if (!product || product.stock <= 0) continue;
    if (c.reason !== 'trigger' && ctx.recentlyBought.has(c.productId)) continue;
    const n = perCategory.get(product.category) ?? 0;
    if (c.reason !== 'trigger' && n >= ctx.maxPerCategory) continue;
    seen.add(c.productId);
    perCategory.set(product.category, n + 1);
    picked.push({
      productId: c.productId,
      reason: c.reason,
      ...(c.becauseOf ? { becauseOf: c.becauseOf } : {}),
    });
  }
  return picked;
}

/** Premium products shown to a budget shopper rank lower; the reverse is fine. Triggers are never demoted. */
function pricePenalty(ctx: RuleContext, c: Candidate): number {
  if (c.reason === 'trigger' || !ctx.priceBand || !ctx.priceCuts) return 1;
  const p = ctx.lookup(c.productId);
  if (!p) return 1;
  const band = p.price < ctx.priceCuts[0] ? 0 : p.price < ctx.priceCuts[1] ? 1 : 2;
  const shopper = ctx.priceBand === 'budget' ? 0 : ctx.priceBand === 'mid' ? 1 : 2;
  return band - shopper >= 2 ? 0.4 : band - shopper === 1 ? 0.8 : 1;
}
