import { segmentClass, promptTokens, type Field, type FieldContext } from '../corpus/controls.js';
import { PHRASE_BANKS } from '../corpus/phrase-bank.js';
import { factContext } from '../guardrails/check-copy.js';
import type { FactContext, GuardrailOptions } from '../guardrails/rules.js';
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
import type { CopyRequest, EmailCopy, Locale, ProductFact } from '../types.js';
import type { LruCache } from './blurb-cache.js';
import type { CandidateCache, CandidatePool } from './candidate-cache.js';
import { generateBatch, type DecodeOptions, type DecodeResult, type DecodeRow } from './decode.js';
import type { GptModel } from './model.js';
import { NoValidCandidateError, admit, pick, type Picked, type WriteStats } from './pick-candidate.js';

export { MIN_MEAN_LOGPROB, NoValidCandidateError, emptyStats, type WriteStats } from './pick-candidate.js';

const EMAIL_FIELDS = ['subject', 'preheader', 'intro', 'cta'] as const;
type EmailField = (typeof EMAIL_FIELDS)[number];

/**
 * Longest line per field and locale, in tokens: about 1.3x the longest line of the phrase bank
 * (en/zh-CN: subject 8/18, preheader 16/21, intro 41/53, blurb 16/21, cta 4/6). A row that runs
 * past it has not ended where the model was trained to end and would be refused as too long.
 */
export const MAX_NEW_TOKENS: Record<Locale, Record<Field, number>> = {
  en: { subject: 12, preheader: 22, intro: 54, blurb: 22, cta: 8 },
  'zh-CN': { subject: 24, preheader: 28, intro: 56, blurb: 28, cta: 10 },
};

/** Rows per decode call: bounds the KV cache (about 66 KB a row for the shipped model). */
const MAX_DECODE_ROWS = 512;

export interface WriteOptions {
  /** Candidates drawn per field for each request; the best that passes wins. */
  candidates: number;
  decode: DecodeOptions;
  guardrails: GuardrailOptions;
  /** Sampled candidates per (control tuple, available slots), shared by all recipients. */
  candidateCache: CandidateCache;
  /** The delexicalised blurb chosen per product, locale, tone and campaign. */
  blurbCache: LruCache<string>;
  stats: WriteStats;
  /** Sees every chosen delexicalised line (the eval's novelty measure). */
  onChosen?: (field: Field, request: CopyRequest, text: string) => void;
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

/** One field's candidate pool, looked up (and scheduled for sampling if short) for a batch. */
interface Lookup {
  key: string;
  field: Field;
  pool: CandidatePool;
  /** Slot values of the first request of the batch that looked it up; used only to check slot use. */
  values: SlotValues;
  /** Rows the key may still sample (its pool's shortfall). */
  need: number;
  /** Rows scheduled for it in this batch. */
  rows: number[];
}

/**
 * Writes the copy for a batch of requests. Every field's candidates come from the candidate cache,
 * keyed by the prompt and the available slots; keys short of candidates are topped up by one
 * batched generation (each row decoded under its own slot mask), then each request picks with its
 * own seed and the guardrails check the pick filled with that request's facts. A request with a
 * field that has no passing candidate gets an error instead.
 */
export async function writeEmails(
  model: GptModel,
  tok: Tokenizer,
  requests: readonly CopyRequest[],
  opts: WriteOptions,
): Promise<(EmailCopy | Error)[]> {
  const cache = opts.candidateCache;
  const plans = requests.map(plan);
  const rows: DecodeRow[] = [];
  const lookups = new Map<string, Lookup>();
  // A key short of candidates gets up to `candidates` new rows per request that needs it, so a
  // cold batch samples no more than fresh generation would, and keys fill as they recur.
  const lookup = (ctx: FieldContext, values: SlotValues): Lookup => {
    const prompt = promptTokens(ctx).map((t) => tok.id(t));
    const banned = bannedSlots(tok, values);
    const key = `${prompt.join(',')}|${banned.join(',')}`;
    let l = lookups.get(key);
    if (!l) {
      const pool = cache.pool(key);
      l = { key, field: ctx.field, pool, values, need: cache.need(pool), rows: [] };
      lookups.set(key, l);
    }
    const add = Math.min(opts.candidates, l.need - l.rows.length);
    if (add <= 0) {
      cache.hits++;
      return l;
    }
    cache.misses++;
    const maxNew = MAX_NEW_TOKENS[ctx.locale][ctx.field];
    for (let k = 0; k < add; k++) {
      const seed = mixSeed(hashString(key), l.pool.sampled + l.rows.length);
      l.rows.push(rows.length);
      rows.push({ prompt, banned, maxNew, seed });
    }
    return l;
  };

  const fieldLookups = plans.map((p) => EMAIL_FIELDS.map((field) => lookup({ ...p.base, field }, p.values)));
  const blurbLookups = new Map<
    string,
    { lookup: Lookup; request: CopyRequest; product: ProductFact; values: SlotValues }
  >();
  for (const p of plans) {
    for (const product of p.request.products) {
      const key = blurbKey(p.request, product);
      if (blurbLookups.has(key) || opts.blurbCache.get(key) !== undefined) continue;
      const values = productSlots(product, p.request.storeName, p.request.locale);
      const ctx: FieldContext = {
        ...p.base,
        segment: 'any',
        hasName: false,
        hasDiscount: hasDiscount(product),
        hasCategory: values.category !== undefined,
        field: 'blurb',
      };
      blurbLookups.set(key, { lookup: lookup(ctx, values), request: p.request, product, values });
    }
  }

  const results = await decodeChunked(model, tok, rows, opts.decode);
  for (const l of lookups.values()) {
    for (const r of l.rows)
      cache.admit(l.pool, admit(l.field, results[r] as DecodeResult, tok, l.values, opts.stats));
  }

  // Blurbs: one per product key, stable across recipients; products of one batch avoid reusing a line.
  const blurbErrors = new Map<string, NoValidCandidateError>();
  const usedBlurbs = new Map<string, Set<number>>();
  for (const [key, job] of blurbLookups) {
    const used = usedBlurbs.get(job.lookup.key) ?? new Set<number>();
    usedBlurbs.set(job.lookup.key, used);
    const chosen = pick(
      'blurb',
      job.lookup.pool,
      hashString(key),
      opts.candidates,
      job.values,
      productFacts(job.request, job.product),
      opts.guardrails,
      opts.stats,
      used,
    );
    if (chosen instanceof Error) blurbErrors.set(key, chosen);
    else {
      used.add(chosen.index);
      opts.blurbCache.set(key, chosen.text);
      opts.onChosen?.('blurb', job.request, chosen.text);
    }
  }

  return plans.map((p, i) => {
    const picked: Partial<Record<EmailField, Picked>> = {};
    for (const [f, field] of EMAIL_FIELDS.entries()) {
      const l = fieldLookups[i]?.[f] as Lookup;
      const chosen = pick(
        field,
        l.pool,
        mixSeed(p.seed, f),
        opts.candidates,
        p.values,
        p.facts,
        opts.guardrails,
        opts.stats,
      );
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
      variant:
        p.request.variant ?? `tf-${EMAIL_FIELDS.map((f) => (picked[f]?.index ?? 0).toString(36)).join('')}`,
      generator: 'transformer',
    };
  });
}

/** Decodes rows in chunks of similar length (shortest fields first) so the KV cache stays bounded. */
async function decodeChunked(
  model: GptModel,
  tok: Tokenizer,
  rows: readonly DecodeRow[],
  options: DecodeOptions,
): Promise<DecodeResult[]> {
  if (rows.length <= MAX_DECODE_ROWS) return generateBatch(model, tok, rows, options);
  const order = rows.map((_, i) => i).sort((a, b) => (rows[a]?.maxNew ?? 0) - (rows[b]?.maxNew ?? 0));
  const out = new Array<DecodeResult>(rows.length);
  for (let s = 0; s < order.length; s += MAX_DECODE_ROWS) {
    const idx = order.slice(s, s + MAX_DECODE_ROWS);
    const res = await generateBatch(
      model,
      tok,
      idx.map((i) => rows[i] as DecodeRow),
      options,
    );
    idx.forEach((i, j) => (out[i] = res[j] as DecodeResult));
  }
  return out;
}
