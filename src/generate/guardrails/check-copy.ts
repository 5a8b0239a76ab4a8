import { factNumbers, factStrings, leadProduct } from '../slots.js';
import type { CopyRequest, EmailCopy } from '../types.js';
import { productBacking } from './claim-backing.js';
import { checkText, longestFirst, type FactContext, type GuardrailOptions, type Violation } from './rules.js';

export function factContext(request: CopyRequest): FactContext {
  return {
    locale: request.locale,
    factStrings: longestFirst(factStrings(request)),
    factNumbers: factNumbers(request),
    // Email-level fields name the lead product ({product}, {price} ...), so its data backs their claims.
    claims: productBacking(leadProduct(request.products)),
  };
}

/** Checks a whole email's copy against the request's facts; applied to every generator's output. */
export function checkCopy(copy: EmailCopy, request: CopyRequest, options: GuardrailOptions): Violation[] {
  const facts = factContext(request);
  const out: Violation[] = [
    ...checkText(copy.subject, 'subject', facts, options),
    ...checkText(copy.preheader, 'preheader', facts, options),
    ...checkText(copy.greeting, 'greeting', facts, options),
    ...checkText(copy.intro, 'intro', facts, options),
    ...checkText(copy.callToAction, 'cta', facts, options),
  ];
  const known = new Map(request.products.map((p) => [p.productId, p]));
  for (const b of copy.products) {
    const product = known.get(b.productId);
    if (!product) out.push({ field: 'blurb', rule: 'unknown_product', detail: b.productId });
    // A blurb's claims rest on its own product's data, not on another product in the email.
    const blurbFacts = { ...facts, claims: productBacking(product) };
    out.push(
      ...checkText(b.blurb, 'blurb', blurbFacts, options).map((v) => ({
        ...v,
        field: `blurb:${b.productId}`,
      })),
    );
  }
  return out;
}

/** Guardrails bound to one configuration. */
export interface Guardrails {
  readonly options: GuardrailOptions;
  checkCopy(copy: EmailCopy, request: CopyRequest): Violation[];
}

export function createGuardrails(options: GuardrailOptions): Guardrails {
  return { options, checkCopy: (copy, request) => checkCopy(copy, request, options) };
}
