import type { CopyRequest, EmailCopy } from '../types.js';
import { escapeHtml, safeUrl } from './escape.js';
import { buildMjml, type LayoutShape, type LayoutValues } from './layout.js';
import { priceLines } from './prices.js';
import { compileMjml, fillTemplate, flattenValues, TemplateCache } from './template-cache.js';
import { renderText } from './text.js';

export interface RenderInput {
  copy: EmailCopy;
  request: CopyRequest;
  /** One-click unsubscribe page for this recipient. */
  unsubscribeUrl: string;
  /** The sender's physical postal address (CAN-SPAM). */
  postalAddress: string;
  preferencesUrl?: string;
}

export interface RenderedEmail {
  html: string;
  text: string;
}

const defaultCache = new TemplateCache();

function shapeOf(input: RenderInput): LayoutShape {
  return {
    locale: input.request.locale,
    images: input.request.products.map((p) => safeUrl(p.imageUrl) !== '#'),
    hasPreferences: Boolean(input.preferencesUrl),
  };
}

/** Every per-email value, HTML-escaped; URLs are also restricted to http(s)/mailto. */
export function escapedValues(input: RenderInput): LayoutValues {
  const { copy, request } = input;
  const prices = priceLines(request);
  const blurbs = new Map(copy.products.map((p) => [p.productId, p.blurb]));
  return {
    subject: escapeHtml(copy.subject),
    preheader: escapeHtml(copy.preheader),
    greeting: escapeHtml(copy.greeting),
    intro: escapeHtml(copy.intro),
    callToAction: escapeHtml(copy.callToAction),
    storeUrl: escapeHtml(safeUrl(request.storeUrl)),
    storeName: escapeHtml(request.storeName),
    unsubscribeUrl: escapeHtml(safeUrl(input.unsubscribeUrl)),
    preferencesUrl: escapeHtml(safeUrl(input.preferencesUrl ?? '')),
    postalAddress: escapeHtml(input.postalAddress),
    products: request.products.map((p, i) => ({
      imageUrl: escapeHtml(safeUrl(p.imageUrl)),
      title: escapeHtml(p.title),
      price: escapeHtml(prices[i]?.text ?? ''),
      blurb: escapeHtml(blurbs.get(p.productId) ?? ''),
      url: escapeHtml(safeUrl(p.url)),
    })),
  };
}

function text(input: RenderInput): string {
  return renderText({ ...input, prices: priceLines(input.request) });
}

/**
 * Renders one email. MJML (async in mjml 5) runs once per layout shape (locale, product blocks,
 * preferences link); after that each email is only escaping and string joins, so this resolves
 * without touching MJML.
 */
export async function renderEmail(
  input: RenderInput,
  cache: TemplateCache = defaultCache,
): Promise<RenderedEmail> {
  const shape = shapeOf(input);
  const template = cache.peek(shape) ?? (await cache.get(shape));
  return { html: fillTemplate(template, flattenValues(escapedValues(input))), text: text(input) };
}

/** The uncached path: a full MJML compile with the values in place (tests compare it to renderEmail). */
export async function renderEmailFresh(input: RenderInput): Promise<RenderedEmail> {
  const html = await compileMjml(buildMjml(shapeOf(input), escapedValues(input)));
  return { html, text: text(input) };
}

/** Compiles the layouts for the given shapes ahead of time (e.g. at worker start). */
export async function warmTemplates(
  locales: readonly CopyRequest['locale'][],
  productCounts: readonly number[],
  cache: TemplateCache = defaultCache,
): Promise<void> {
  const shapes: LayoutShape[] = [];
  for (const locale of locales)
    for (const n of productCounts)
      for (const hasPreferences of [false, true])
        shapes.push({ locale, images: Array<boolean>(n).fill(true), hasPreferences });
  await Promise.all(shapes.map((s) => cache.get(s)));
}
