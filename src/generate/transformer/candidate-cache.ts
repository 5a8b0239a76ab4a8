import type { Violation } from '../guardrails/rules.js';
import { hashString, mixSeed, seededRandom } from '../random.js';
import { LruCache } from './blurb-cache.js';

/** A sampled delexicalised line that passed the recipient-independent checks. */
export interface Candidate {
  text: string;
  /** Mean log-probability per token under the sampling distribution (higher is more fluent). */
  score: number;
}

/** A pool slot: not sampled yet, a candidate, or why its sample was refused. */
export type PoolSlot = Candidate | Violation[] | undefined;

/** One key's K slots; slot i is always sampled with the seed rowSeed(key, i). */
export interface CandidatePool {
  slots: PoolSlot[];
}

export interface CandidateCacheOptions {
  /** Keys (control tuple + available slots) kept; least recently used go first. @defaultValue 20000 */
  capacity?: number;
  /** Candidate slots per key (K). @defaultValue 8 */
  perKey?: number;
}

/** The seed a key's slot is sampled with: a slot's line does not depend on when it was sampled. */
export function rowSeed(key: string, slot: number): number {
  return mixSeed(hashString(key), slot);
}

/**
 * Candidates for a field depend only on its prompt (campaign, locale, segment class, tone, field,
 * name/discount/category flags) and on which slots are available, never on the recipient:
 * generation is delexicalised. So each key has K candidate slots, sampled lazily (a slot the first
 * time a request draws it) and then reused; a request draws slots in its own seeded order, so the
 * same seed gives the same copy whether the cache is cold or warm. Filled copy is still checked
 * per recipient by the caller.
 */
export class CandidateCache {
  readonly perKey: number;
  /** Lookups served without sampling. */
  hits = 0;
  /** Lookups that sampled at least one slot. */
  misses = 0;
  private readonly pools: LruCache<CandidatePool>;

  constructor(options: CandidateCacheOptions = {}) {
    this.perKey = Math.max(1, options.perKey ?? 8);
    this.pools = new LruCache<CandidatePool>(options.capacity ?? 20_000);
  }

  /** The key's pool, created empty on first sight (refreshes recency). */
  pool(key: string): CandidatePool {
    let p = this.pools.get(key);
    if (!p) {
      p = { slots: new Array<PoolSlot>(this.perKey).fill(undefined) };
      this.pools.set(key, p);
    }
    return p;
  }

  get size(): number {
    return this.pools.size;
  }

  /** Candidate lines held over all keys. */
  get lines(): number {
    let n = 0;
    for (const key of this.pools.keys()) {
      for (const s of this.pools.peek(key)?.slots ?? []) if (isCandidate(s)) n++;
    }
    return n;
  }

  get hitRate(): number {
    return this.hits / Math.max(1, this.hits + this.misses);
  }

  clear(): void {
    this.pools.clear();
  }
}

export function isCandidate(s: PoolSlot): s is Candidate {
  return s !== undefined && !Array.isArray(s);
}

/** The order in which a request with this seed tries a pool's slots (a seeded permutation). */
export function pickOrder(poolSize: number, seed: number): number[] {
  const order = Array.from({ length: poolSize }, (_, i) => i);
  const rand = seededRandom(mixSeed(seed, 0x5eed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** The first `draws` slots in this order that are not known to be refused (sampled or not). */
export function drawnSlots(pool: CandidatePool, order: readonly number[], draws: number): number[] {
  const out: number[] = [];
  for (const s of order) {
    if (out.length >= draws) break;
    if (!Array.isArray(pool.slots[s])) out.push(s);
  }
  return out;
}
