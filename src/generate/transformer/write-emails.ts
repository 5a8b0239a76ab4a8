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
import type { BlurbLines, LruCache } from './blurb-cache.js';
import {
  drawnSlots,
  pickOrder,
  rowSeed,
  type CandidateCache,
  type CandidatePool,
} from './candidate-cache.js';
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
  /** The delexicalised blurb lines chosen per product, locale, tone and campaign. */
  blurbCache: LruCache<BlurbLines>;
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
  /** Pool slot -> row sampled for it in this batch. */
  rows: Map<number, number>;
}

/** A request's view of a lookup: the order it tries the pool's slots in. */
interface Draw {
  lookup: Lookup;
  order: number[];
}

/**
 * Writes the copy for a batch of requests. Every field's candidates come from the candidate cache,
 * keyed by the prompt and the available slots; the pool slots a request draws that are not sampled
 * yet are sampled in one batched generation (each row decoded under its own slot mask), then each
 * request picks among its draws and the guardrails check the pick filled with its own facts. A
 * request with a field that has no passing candidate gets an error instead.
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
  // A request samples only the slots it draws that nobody has sampled yet, so a cold batch costs
  // no more than fresh sampling, and a key stops costing anything once its drawn slots are filled.
  const lookup = (ctx: FieldContext, values: SlotValues, seed: number): Draw => {
    const prompt = promptTokens(ctx).map((t) => tok.id(t));
    const banned = bannedSlots(tok, values);
    const key = `${prompt.join(',')}|${banned.join(',')}`;
    let l = lookups.get(key);
    if (!l) {
      l = { key, field: ctx.field, pool: cache.pool(key), values, rows: new Map() };
      lookups.set(key, l);
    }
    const order = pickOrder(cache.perKey, seed);
    let added = 0;
    for (const s of drawnSlots(l.pool, order, opts.candidates)) {
      if (l.pool.slots[s] !== undefined || l.rows.has(s)) continue;
      l.rows.set(s, rows.length);
      rows.push({ prompt, banned, maxNew: MAX_NEW_TOKENS[ctx.locale][ctx.field], seed: rowSeed(key, s) });
      added++;
    }
    if (added) cache.misses++;
    else cache.hits++;
    return { lookup: l, order };
  };

  const fieldDraws = plans.map((p) =>
    EMAIL_FIELDS.map((field, f) => lookup({ ...p.base, field }, p.values, mixSeed(p.seed, f))),
  );
  const blurbLookups = new Map<
    string,
    { draw: Draw; request: CopyRequest; product: ProductFact; values: SlotValues }
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
      const draw = lookup(ctx, values, hashString(key));
      blurbLookups.set(key, { draw, request: p.request, product, values });
    }
  }

  const results = await decodeChunked(model, tok, rows, opts.decode);
  for (const l of lookups.values()) {
    for (const [slot, r] of l.rows)
      l.pool.slots[slot] = admit(l.field, results[r] as DecodeResult, tok, l.values, opts.stats);
  }

  // Blurbs: one line per product key, the same for every recipient.
  const blurbErrors = new Map<string, NoValidCandidateError>();
  for (const [key, job] of blurbLookups) {
    const chosen = pick(
      'blurb',
      job.draw.lookup.pool,
      job.draw.order,
      opts.candidates,
      job.values,
      productFacts(job.request, job.product),
      opts.guardrails,
      opts.stats,
    );
    if (chosen instanceof Error) {
      blurbErrors.set(key, chosen);
      continue;
    }
    const alt = pick(
      'blurb',
      job.draw.lookup.pool,
      job.draw.order.filter((s) => s !== chosen.index),
      opts.candidates,
      job.values,
      productFacts(job.request, job.product),
      opts.guardrails,
      opts.stats,
    );
    const lines = alt instanceof Error || alt.text === chosen.text ? [chosen.text] : [chosen.text, alt.text];
    opts.blurbCache.set(key, lines);
    opts.onChosen?.('blurb', job.request, chosen.text);
  }

  return plans.map((p, i) => {
    const picked: Partial<Record<EmailField, Picked>> = {};
    for (const [f, field] of EMAIL_FIELDS.entries()) {
      const d = fieldDraws[i]?.[f] as Draw;
      const chosen = pick(
        field,
        d.lookup.pool,
        d.order,
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
    const usedBlurbs = new Set<string>();
    for (const product of p.request.products) {
      const key = blurbKey(p.request, product);
      const lines = opts.blurbCache.peek(key);
      const text = lines?.find((l) => !usedBlurbs.has(l)) ?? lines?.[0];
      if (text === undefined) return blurbErrors.get(key) ?? new NoValidCandidateError('blurb', []);
      usedBlurbs.add(text);
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
