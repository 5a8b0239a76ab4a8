import type { Violation } from '../guardrails/rules.js';
import { mixSeed, seededRandom } from '../random.js';
import { LruCache } from './blurb-cache.js';

/** A sampled delexicalised line that passed the recipient-independent checks. */
export interface Candidate {
  text: string;
  /** Mean log-probability per token under the sampling distribution (higher is more fluent). */
  score: number;
}

/** The candidates sampled so far for one key. */
export interface CandidatePool {
  candidates: Candidate[];
  /** Rows sampled for this key, passing or not (seeds the next rows, bounds retries). */
  sampled: number;
  /** A few reasons sampled rows were refused, for the error when none passed. */
  refusals: Violation[];
}

export interface CandidateCacheOptions {
  /** Keys (control tuple + available slots) kept; least recently used go first. @defaultValue 20000 */
  capacity?: number;
  /** Distinct candidates sampled per key before it is only reused. @defaultValue 8 */
  perKey?: number;
}

/**
 * Candidates for a field depend only on its prompt (campaign, locale, segment class, tone, field,
 * name/discount/category flags) and on which slots are available, never on the recipient:
 * generation is delexicalised. So up to perKey distinct candidates are sampled once per key, in
 * the batched generation of the first batch that needs them, and later requests pick among them
 * with their own seed. Filled copy is still checked per recipient by the caller.
 */
export class CandidateCache {
  readonly perKey: number;
  /** Lookups served without sampling. */
  hits = 0;
  /** Lookups that sampled rows for their key. */
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
      p = { candidates: [], sampled: 0, refusals: [] };
      this.pools.set(key, p);
    }
    return p;
  }

  /** Rows to sample for a key now: fill up to perKey, giving up after 2 x perKey tries. */
  need(pool: CandidatePool): number {
    const missing = this.perKey - pool.candidates.length;
    return Math.max(0, Math.min(missing, 2 * this.perKey - pool.sampled));
  }

  /** Adds a sampled row's outcome; duplicates count as sampled but are not kept. */
  admit(pool: CandidatePool, candidate: Candidate | Violation[]): void {
    pool.sampled++;
    if (Array.isArray(candidate)) {
      if (pool.refusals.length < 8) pool.refusals.push(...candidate.slice(0, 8 - pool.refusals.length));
      return;
    }
    if (pool.candidates.length >= this.perKey) return;
    if (pool.candidates.some((c) => c.text === candidate.text)) return;
    pool.candidates.push(candidate);
  }

  get size(): number {
    return this.pools.size;
  }

  /** Candidate lines held over all keys. */
  get lines(): number {
    let n = 0;
    for (const key of this.pools.keys()) n += this.pools.peek(key)?.candidates.length ?? 0;
    return n;
  }

  get hitRate(): number {
    return this.hits / Math.max(1, this.hits + this.misses);
  }

  clear(): void {
    this.pools.clear();
  }
}

/**
 * The order in which one request tries a pool's candidates: `draws` seeded picks first (the best
 * scoring of them that passes wins, as with fresh sampling), then the rest in seeded order.
 */
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
