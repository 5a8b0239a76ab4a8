import type { CopyRequest, EmailCopy } from '../types.js';
import { LABELS } from './labels.js';
import type { PriceLine } from './prices.js';

export interface TextInput {
  copy: EmailCopy;
  request: CopyRequest;
  prices: PriceLine[];
  unsubscribeUrl: string;
  postalAddress: string;
  preferencesUrl?: string;
}

/** Collapses line breaks inside a value so a hostile title cannot forge lines in the text part. */
const line = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

/** The plain-text alternative: same content as the HTML, readable in any client. */
export function renderText(input: TextInput): string {
  const { copy, request } = input;
  const labels = LABELS[request.locale];
  const blurbs = new Map(copy.products.map((p) => [p.productId, p.blurb]));
  const out: string[] = [line(request.storeName), '', line(copy.greeting), '', line(copy.intro), ''];
  request.products.forEach((p, i) => {
    out.push(`${line(p.title)} - ${input.prices[i]?.text ?? ''}`);
    const blurb = blurbs.get(p.productId);
    if (blurb) out.push(line(blurb));
    out.push(`${labels.viewProduct}: ${line(p.url)}`, '');
  });
  out.push(`${line(copy.callToAction)}: ${line(request.storeUrl)}`, '', '--');
  out.push(`${labels.whyReceived} ${line(request.storeName)}.`);
  out.push(`${labels.unsubscribe}: ${line(input.unsubscribeUrl)}`);
  if (input.preferencesUrl) out.push(`${labels.preferences}: ${line(input.preferencesUrl)}`);
  out.push(line(input.postalAddress), '');
  return out.join('\n');
}
