import { countCandidateRejection } from '../guardrails/counters.js';
import { checkText, type FactContext, type GuardrailOptions, type Violation } from '../guardrails/rules.js';
import { fillSlots, type SlotValues } from '../slots.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { isCandidate, type Candidate, type CandidatePool } from './candidate-cache.js';
import type { DecodeResult } from './decode.js';

/** Candidates the model itself found this unlikely (nats per token) are mostly garbled. */
export const MIN_MEAN_LOGPROB = -1.2;

export type CopyField = 'subject' | 'preheader' | 'intro' | 'blurb' | 'cta';

export class NoValidCandidateError extends Error {
  override name = 'NoValidCandidateError';
  constructor(
    readonly field: string,
    readonly violations: Violation[],
  ) {
    super(
      `no candidate for ${field} passed the guardrails (${violations.map((v) => v.rule).join(', ') || 'none generated'})`,
    );
  }
}

/** Counts for the eval and the bench. */
export interface WriteStats {
  emails: number;
  /** Rows decoded (sampled candidates). */
  rows: number;
  /** Tokens decoded, <eos> included. */
  tokens: number;
  /** Candidates whose text used a slot with no fact (the logit mask should keep this at 0). */
  slotErrors: number;
  /** Candidates sampled plus cached candidates tried for a recipient. */
  candidates: number;
  rejectedCandidates: number;
}

export function emptyStats(): WriteStats {
  return { emails: 0, rows: 0, tokens: 0, slotErrors: 0, candidates: 0, rejectedCandidates: 0 };
}

function reject(stats: WriteStats, vs: Violation[]): void {
  stats.rejectedCandidates++;
  for (const v of vs) countCandidateRejection(v.rule);
}

function slotViolations(field: string, text: string, values: SlotValues, stats: WriteStats): Violation[] {
  const filled = fillSlots(text, values);
  if (!filled.missing.length && !filled.unknown.length) return [];
  stats.slotErrors++;
  return [{ field, rule: 'unfilled_slot', detail: [...filled.missing, ...filled.unknown].join(',') }];
}

/**
 * The checks that do not depend on the recipient: ended with <eos>, confident enough, uses only
 * slots this key has (every request of a key has the same available slots). Returns the
 * candidate, or why it was refused.
 */
export function admit(
  field: CopyField,
  r: DecodeResult,
  tok: Tokenizer,
  values: SlotValues,
  stats: WriteStats,
): Candidate | Violation[] {
  stats.candidates++;
  stats.rows++;
  stats.tokens += r.ids.length + 1;
  const text = tok.decode(r.ids);
  const score = r.logProb / (r.ids.length + 1);
  const vs: Violation[] = [];
  if (!r.finished) vs.push({ field, rule: 'too_long', detail: 'no end of text' });
  if (score < MIN_MEAN_LOGPROB) vs.push({ field, rule: 'low_confidence', detail: r.logProb.toFixed(1) });
  vs.push(...slotViolations(field, text, values, stats));
  if (vs.length) {
    reject(stats, vs);
    return vs;
  }
  return { text, score };
}

/** A candidate chosen for one request, with its index in the pool. */
export interface Picked {
  text: string;
  index: number;
}

/**
 * Picks for one request: the first `draws` candidates in this request's slot order (the slots its
 * lookup made sure were sampled), the best scoring of them that passes every guardrail once filled
 * with this request's facts; if none does, the first of the pool's other candidates that passes.
 */
export function pick(
  field: CopyField,
  pool: CandidatePool,
  order: readonly number[],
  draws: number,
  values: SlotValues,
  facts: FactContext,
  guardrails: GuardrailOptions,
  stats: WriteStats,
): Picked | NoValidCandidateError {
  const violations: Violation[] = [];
  let best: (Picked & { score: number }) | undefined;
  let tried = 0;
  for (const index of order) {
    const slot = pool.slots[index];
    if (!isCandidate(slot)) {
      if (Array.isArray(slot) && violations.length < 8) violations.push(...slot);
      continue;
    }
    if (best && tried >= draws) break;
    tried++;
    const c: Candidate = slot;
    stats.candidates++;
    const vs = slotViolations(field, c.text, values, stats);
    if (!vs.length) vs.push(...checkText(fillSlots(c.text, values).text, field, facts, guardrails));
    if (vs.length) {
      reject(stats, vs);
      violations.push(...vs);
      continue;
    }
    if (!best || c.score > best.score) best = { text: c.text, index, score: c.score };
  }
  if (best) return { text: best.text, index: best.index };
  return new NoValidCandidateError(field, violations);
}
