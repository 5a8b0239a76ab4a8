import { segmentClass, promptTokens, type Field, type FieldContext } from '../corpus/controls.js';
import { PHRASE_BANKS } from '../corpus/phrase-bank.js';
import { countCandidateRejection } from '../guardrails/counters.js';
import { factContext } from '../guardrails/check-copy.js';
import { checkText, type FactContext, type GuardrailOptions, type Violation } from '../guardrails/rules.js';
import { hashString, mixSeed, seededRandom } from '../random.js';
import {
  SLOT_NAMES,
  emailSlots,
  fillSlots,
  hasDiscount,
  leadProduct,
  productSlots,
  type SlotValues,
} from '../slots.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import type { CopyRequest, EmailCopy, ProductFact } from '../types.js';
import type { LruCache } from './blurb-cache.js';
import { generateBatch, type DecodeOptions, type DecodeResult, type DecodeRow } from './decode.js';
import type { GptModel } from './model.js';

const EMAIL_FIELDS = ['subject', 'preheader', 'intro', 'cta'] as const;
type EmailField = (typeof EMAIL_FIELDS)[number];
export const MAX_NEW_TOKENS: Record<Field, number> = {
  subject: 28,
  preheader: 36,
  intro: 56,
  blurb: 48,
  cta: 14,
};

/** Candidates the model itself found this unlikely (nats per token) are mostly garbled. */
export const MIN_MEAN_LOGPROB = -1.2;

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
  rows: number;
  tokens: number;
  /** Candidates whose text used a slot with no fact (the logit mask should keep this at 0). */
  slotErrors: number;
  candidates: number;
  rejectedCandidates: number;
}

export function emptyStats(): WriteStats {
  return { emails: 0, rows: 0, tokens: 0, slotErrors: 0, candidates: 0, rejectedCandidates: 0 };
}

export interface WriteOptions {
  candidates: number;
  decode: DecodeOptions;
  guardrails: GuardrailOptions;
  /** Delexicalised blurb per product, locale, tone and campaign. */
  blurbCache: LruCache<string>;
  stats: WriteStats;
  /** Sees every chosen delexicalised line (the eval's novelty measure). */
  onChosen?: (field: Field, request: CopyRequest, text: string) => void;
}

/** A delexicalised line chosen for one field, with how it was chosen. */
interface Chosen {
  text: string;
  index: number;
}

function bannedSlots(tok: Tokenizer, values: SlotValues): number[] {
  return SLOT_NAMES.filter((s) => values[s] === undefined).map((s) => tok.slotIds.get(s) ?? tok.unkId);
}

export function blurbKey(request: CopyRequest, p: ProductFact): string {
  return `${p.productId}|${request.locale}|${request.tone}|${request.campaignType}|${hasDiscount(p) ? 'd' : '-'}|${p.category}`;
}

function productFacts(request: CopyRequest, p: ProductFact): FactContext {
  return factContext({ ...request, firstName: undefined, products: [p] });
}

/** Picks the most likely candidate that uses only available slots and passes every guardrail. */
function choose(
  field: string,
  results: DecodeResult[],
  tok: Tokenizer,
  values: SlotValues,
  facts: FactContext,
  opts: WriteOptions,
): Chosen | NoValidCandidateError {
  const violations: Violation[] = [];
  let best: { text: string; index: number; score: number } | undefined;
  results.forEach((r, index) => {
    opts.stats.candidates++;
    opts.stats.tokens += r.ids.length + 1;
    const text = tok.decode(r.ids);
    const filled = fillSlots(text, values);
    const vs: Violation[] = [];
    if (!r.finished) vs.push({ field, rule: 'too_long', detail: 'no end of text' });
    if (r.logProb / (r.ids.length + 1) < MIN_MEAN_LOGPROB)
      vs.push({ field, rule: 'low_confidence', detail: r.logProb.toFixed(1) });
    if (filled.missing.length || filled.unknown.length) {
      opts.stats.slotErrors++;
      vs.push({ field, rule: 'unfilled_slot', detail: [...filled.missing, ...filled.unknown].join(',') });
    }
    vs.push(
      ...checkText(filled.text, field === 'blurb' ? 'blurb' : (field as EmailField), facts, opts.guardrails),
    );
    if (vs.length) {
      opts.stats.rejectedCandidates++;
      for (const v of vs) countCandidateRejection(v.rule);
      violations.push(...vs);
      return;
    }
    const score = r.logProb / (r.ids.length + 1);
    if (!best || score > best.score) best = { text, index, score };
  });
  return best ? { text: best.text, index: best.index } : new NoValidCandidateError(field, violations);
}

interface Plan {
  request: CopyRequest;
  seed: number;
  values: SlotValues;
  facts: FactContext;
  base: Omit<FieldContext, 'field'>;
}

function plan(request: CopyRequest): Plan {
  const seed =
    request.seed ??
    hashString(
      `${request.storeName}|${request.firstName ?? ''}|${request.products.map((p) => p.productId).join(',')}`,
    );
  const values = emailSlots(request);
  const lead = leadProduct(request.products);
  return {
    request,
    seed,
    values,
    facts: factContext(request),
    base: {
      campaign: request.campaignType,
      locale: request.locale,
      segment: segmentClass(request.segmentName),
      tone: request.tone,
      hasName: values.name !== undefined,
      hasDiscount: lead !== undefined && hasDiscount(lead),
      hasCategory: values.category !== undefined,
    },
  };
}

function greeting(p: Plan): string {
  const g = PHRASE_BANKS[p.request.locale].greetings[p.request.tone];
  const lines = p.values.name !== undefined ? g.named : g.anonymous;
  const line = lines[Math.floor(seededRandom(mixSeed(p.seed, 99))() * lines.length)] ?? '';
  return fillSlots(line, p.values).text;
}

/**
 * Writes the copy for a batch of requests with one batched generation: K candidates per email
 * field and per uncached product blurb, each decoded under its own slot mask, then filtered by
 * the guardrails. A request with a field that has no passing candidate gets an error instead.
 */
export async function writeEmails(
  model: GptModel,
  tok: Tokenizer,
  requests: readonly CopyRequest[],
  opts: WriteOptions,
): Promise<(EmailCopy | Error)[]> {
  const plans = requests.map(plan);
  const rows: DecodeRow[] = [];
  const prompt = (ctx: FieldContext): number[] => promptTokens(ctx).map((t) => tok.id(t));
  const fieldRows: number[][][] = plans.map((p) =>
    EMAIL_FIELDS.map((field, f) => {
      const start = rows.length;
      for (let k = 0; k < opts.candidates; k++) {
        rows.push({
          prompt: prompt({ ...p.base, field }),
          banned: bannedSlots(tok, p.values),
          maxNew: MAX_NEW_TOKENS[field],
          seed: mixSeed(p.seed, f, k),
        });
      }
      return Array.from({ length: opts.candidates }, (_, k) => start + k);
    }),
  );
  const blurbJobs = new Map<string, { rows: number[]; request: CopyRequest; product: ProductFact }>();
  for (const p of plans) {
    for (const product of p.request.products) {
      const key = blurbKey(p.request, product);
      if (blurbJobs.has(key) || opts.blurbCache.get(key) !== undefined) continue;
      const values = productSlots(product, p.request.storeName, p.request.locale);
      const start = rows.length;
      for (let k = 0; k < opts.candidates; k++) {
        rows.push({
          prompt: prompt({
            ...p.base,
            segment: 'any',
            hasName: false,
            hasDiscount: hasDiscount(product),
            hasCategory: values.category !== undefined,
            field: 'blurb',
          }),
          banned: bannedSlots(tok, values),
          maxNew: MAX_NEW_TOKENS.blurb,
          seed: mixSeed(hashString(key), k),
        });
      }
      blurbJobs.set(key, {
        rows: Array.from({ length: opts.candidates }, (_, k) => start + k),
        request: p.request,
        product,
      });
    }
  }
  const results = await generateBatch(model, tok, rows, opts.decode);
  opts.stats.rows += rows.length;
  const pickRows = (idx: number[]): DecodeResult[] => idx.map((i) => results[i] as DecodeResult);

  const blurbErrors = new Map<string, NoValidCandidateError>();
  for (const [key, job] of blurbJobs) {
    const values = productSlots(job.product, job.request.storeName, job.request.locale);
    const chosen = choose(
      'blurb',
      pickRows(job.rows),
      tok,
      values,
      productFacts(job.request, job.product),
      opts,
    );
    if (chosen instanceof Error) blurbErrors.set(key, chosen);
    else {
      opts.blurbCache.set(key, chosen.text);
      opts.onChosen?.('blurb', job.request, chosen.text);
    }
  }

  return plans.map((p, i) => {
    const picked: Partial<Record<EmailField, Chosen>> = {};
    for (const [f, field] of EMAIL_FIELDS.entries()) {
      const chosen = choose(field, pickRows(fieldRows[i]?.[f] ?? []), tok, p.values, p.facts, opts);
      if (chosen instanceof Error) return chosen;
      picked[field] = chosen;
      opts.onChosen?.(field, p.request, chosen.text);
    }
    const products: EmailCopy['products'] = [];
    for (const product of p.request.products) {
      const key = blurbKey(p.request, product);
      const text = opts.blurbCache.peek(key);
      if (text === undefined) return blurbErrors.get(key) ?? new NoValidCandidateError('blurb', []);
      const values = productSlots(product, p.request.storeName, p.request.locale);
      products.push({ productId: product.productId, blurb: fillSlots(text, values).text });
    }
    const fill = (f: EmailField): string => fillSlots(picked[f]?.text ?? '', p.values).text;
    opts.stats.emails++;
    return {
      subject: fill('subject'),
      preheader: fill('preheader'),
      greeting: greeting(p),
      intro: fill('intro'),
      products,
      callToAction: fill('cta'),
      variant: p.request.variant ?? `tf-${EMAIL_FIELDS.map((f) => picked[f]?.index ?? 0).join('')}`,
      generator: 'transformer',
    };
  });
}
