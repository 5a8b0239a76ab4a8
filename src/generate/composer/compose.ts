import type { CopyRequest, EmailCopy, Locale, ProductBlurb, ProductFact } from '../types.js';
import { emailSlots, parseReason, productSlots, segmentKind, type Slots } from './facts.js';
import { SUBJECT_VARIANTS, type PhraseBank, type SubjectVariant } from './phrase-bank.js';
import { EN } from './phrases/en.js';
import { ZH_CN } from './phrases/zh-cn.js';
import { hashString, streamFor } from './random.js';

export const PHRASE_BANKS: Record<Locale, PhraseBank> = { en: EN, 'zh-CN': ZH_CN };

interface ParsedLine {
  /** Literal text around the slots: parts.length === slots.length + 1. */
  parts: string[];
  slots: string[];
}

const parsedLines = new Map<string, ParsedLine>();

function parseLine(line: string): ParsedLine {
  let parsed = parsedLines.get(line);
  if (!parsed) {
    const pieces = line.split(/\{(\w+)\}/);
    parsed = { parts: pieces.filter((_, i) => i % 2 === 0), slots: pieces.filter((_, i) => i % 2 === 1) };
    parsedLines.set(line, parsed);
  }
  return parsed;
}

/** Fills every slot, or returns undefined when the line needs a fact this email does not have. */
export function fillLine(line: string, values: Record<string, string | undefined>): string | undefined {
  const { parts, slots } = parseLine(line);
  let out = parts[0] ?? '';
  for (let i = 0; i < slots.length; i++) {
    const v = values[slots[i] ?? ''];
    if (v === undefined || v === '') return undefined;
    out += v + (parts[i + 1] ?? '');
  }
  return /\s\s|^\s|\s$|[\t\n\r]/.test(out) ? out.replace(/\s+/g, ' ').trim() : out;
}

const length = (s: string) => [...s].length;

/**
 * First line in seeded order that can be filled and fits; when none fits, the shortest fillable
 * one (a long product title beats a made-up shorter name).
 */
function pickLine(
  lines: readonly string[],
  random: () => number,
  values: Record<string, string | undefined>,
  maxLength = Infinity,
): string | undefined {
  let shortest: string | undefined;
  const start = Math.floor(random() * lines.length);
  for (let k = 0; k < lines.length; k++) {
    const filled = fillLine(lines[(start + k) % lines.length] ?? '', values);
    if (filled === undefined) continue;
    if (length(filled) <= maxLength) return filled;
    if (shortest === undefined || length(filled) < length(shortest)) shortest = filled;
  }
  return shortest;
}

/** The seed used when the request has none: stable for the same shopper, campaign and products. */
export function defaultSeed(request: CopyRequest): number {
  const key = [
    request.campaignType,
    request.locale,
    request.firstName ?? '',
    ...request.products.map((p) => p.productId),
  ];
  return hashString(key.join('|'));
}

export function resolveVariant(request: CopyRequest, seed: number): SubjectVariant {
  const asked = request.variant as SubjectVariant | undefined;
  if (asked && (SUBJECT_VARIANTS as readonly string[]).includes(asked)) return asked;
  const index = Math.floor(streamFor(seed, 'variant')() * SUBJECT_VARIANTS.length);
  return SUBJECT_VARIANTS[index] ?? 'personal';
}

function subjectLine(
  request: CopyRequest,
  bank: PhraseBank,
  variant: SubjectVariant,
  slots: Slots,
  seed: number,
): string {
  const random = streamFor(seed, 'subject');
  const order = [variant, ...SUBJECT_VARIANTS.filter((v) => v !== variant)];
  for (const v of order) {
    const line = pickLine(bank.subjects[request.campaignType][v], random, slots, bank.subjectMax);
    if (line) return line;
  }
  return request.storeName;
}

function reasonSentence(
  request: CopyRequest,
  product: ProductFact,
  bank: PhraseBank,
  random: () => number,
): string | undefined {
  const reason = parseReason(product.reason);
  const chinese = request.locale === 'zh-CN';
  switch (reason.kind) {
    case 'none':
      return undefined;
    case 'code':
      return pickLine(bank.reasons[reason.code], random, {});
    case 'verb':
      if (chinese) return pickLine(bank.reasonVerbs[reason.verb], random, { subject: reason.subject });
      return pickLine(bank.reasons.because, random, { reason: lowerFirst(reason.text) });
    case 'text': {
      if (chinese)
        return /[\u4e00-\u9fff]/.test(reason.text)
          ? pickLine(bank.reasons.because, random, { reason: reason.text })
          : undefined;
      if (/^because\b/i.test(reason.text))
        return pickLine(bank.reasons.because, random, { reason: lowerFirst(reason.text) });
      return `${upperFirst(reason.text)}.`;
    }
  }
}

function blurbFor(
  request: CopyRequest,
  product: ProductFact,
  index: number,
  bank: PhraseBank,
  seed: number,
): ProductBlurb {
  const random = streamFor(seed, `blurb:${index}:${product.productId}`);
  const slots = productSlots(product, request, bank);
  const lines = slots.discount ? bank.blurbs.discount : bank.blurbs.plain;
  const main = pickLine(lines, random, slots) ?? `${slots.product ?? product.title}, ${slots.price ?? ''}`;
  const reason = reasonSentence(request, product, bank, random);
  return { productId: product.productId, blurb: reason ? `${main}${bank.sentenceJoin}${reason}` : main };
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  // "Because you viewed X" -> "because you viewed X"; product names further on keep their case.
  return /^Because\b/.test(s) ? `b${s.slice(1)}` : s;
}

/**
 * Deterministic copy from phrase banks and facts only. Every name, price and discount printed comes
 * from the request; the same request and seed always give the same copy.
 */
export function composeCopy(request: CopyRequest): EmailCopy {
  const bank = PHRASE_BANKS[request.locale];
  const seed = request.seed ?? defaultSeed(request);
  const variant = resolveVariant(request, seed);
  const slots = emailSlots(request, bank);
  const campaign = request.campaignType;

  const greetings = bank.greetings[request.tone];
  const greeting =
    (slots.name ? pickLine(greetings.named, streamFor(seed, 'greeting'), slots) : undefined) ??
    pickLine(greetings.anonymous, streamFor(seed, 'greeting'), slots) ??
    '';

  const intro = pickLine(bank.intros[campaign], streamFor(seed, 'intro'), slots) ?? '';
  const segmentLine = pickLine(
    bank.segmentLines[segmentKind(request.segmentName)],
    streamFor(seed, 'segment'),
    slots,
  );

  return {
    subject: subjectLine(request, bank, variant, slots, seed),
    preheader:
      pickLine(bank.preheaders[campaign], streamFor(seed, 'preheader'), slots, bank.preheaderMax) ?? '',
    greeting,
    intro: segmentLine ? `${intro}${bank.sentenceJoin}${segmentLine}` : intro,
    products: request.products.map((p, i) => blurbFor(request, p, i, bank, seed)),
    callToAction: pickLine(bank.ctas[campaign][request.tone], streamFor(seed, 'cta'), slots) ?? '',
    variant,
    generator: 'composer',
  };
}
