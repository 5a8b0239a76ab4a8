import mjml2html from 'mjml';
import { buildMjml, layoutKey, type LayoutShape, type LayoutValues } from './layout.js';

/** A compiled layout: literal HTML parts with value slots between them. */
export interface CompiledTemplate {
  parts: string[];
  /** slots[i] is the index into the flat value list that goes after parts[i]. */
  slots: number[];
}

const TOKEN = (i: number) => `MMSLOT${i}MM`;
const TOKEN_PATTERN = /MMSLOT(\d+)MM/g;

/** The flat order of per-email values; a template and a value list must agree on it. */
export function flattenValues(v: LayoutValues): string[] {
  const out = [
    v.subject,
    v.preheader,
    v.greeting,
    v.intro,
    v.callToAction,
    v.storeUrl,
    v.storeName,
    v.unsubscribeUrl,
    v.preferencesUrl,
    v.postalAddress,
  ];
  for (const p of v.products) out.push(p.imageUrl, p.title, p.price, p.blurb, p.url);
  return out;
}

function placeholderValues(productCount: number): LayoutValues {
  let i = 0;
  const next = () => TOKEN(i++);
  const v: LayoutValues = {
    subject: next(),
    preheader: next(),
    greeting: next(),
    intro: next(),
    callToAction: next(),
    storeUrl: next(),
    storeName: next(),
    unsubscribeUrl: next(),
    preferencesUrl: next(),
    postalAddress: next(),
    products: [],
  };
  for (let p = 0; p < productCount; p++) {
    v.products.push({ imageUrl: next(), title: next(), price: next(), blurb: next(), url: next() });
  }
  return v;
}

/** One MJML compile; used for templates (with tokens) and for fresh renders (with values). */
export async function compileMjml(source: string): Promise<string> {
  const result = await mjml2html(source, { validationLevel: 'soft', keepComments: false, fonts: {} });
  const errors = result.errors?.filter((e) => !/unknown attribute/i.test(e.message)) ?? [];
  if (errors.length > 0) throw new Error(`MJML errors: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return result.html;
}

async function compileTemplate(shape: LayoutShape): Promise<CompiledTemplate> {
  const html = await compileMjml(buildMjml(shape, placeholderValues(shape.images.length)));
  const parts: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of html.matchAll(TOKEN_PATTERN)) {
    parts.push(html.slice(last, m.index));
    slots.push(Number(m[1]));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(html.slice(last));
  return { parts, slots };
}

/** Substitutes escaped values into a compiled template. */
export function fillTemplate(t: CompiledTemplate, values: readonly string[]): string {
  let out = t.parts[0] ?? '';
  for (let i = 0; i < t.slots.length; i++) out += (values[t.slots[i] ?? -1] ?? '') + (t.parts[i + 1] ?? '');
  return out;
}

/** Compiled layouts by shape. The first use of a shape compiles it; concurrent callers share the compile. */
export class TemplateCache {
  private readonly pending = new Map<string, Promise<CompiledTemplate>>();
  private readonly ready = new Map<string, CompiledTemplate>();

  /** The compiled template if it is ready, without waiting (the fast path). */
  peek(shape: LayoutShape): CompiledTemplate | undefined {
    return this.ready.get(layoutKey(shape));
  }

  async get(shape: LayoutShape): Promise<CompiledTemplate> {
    const key = layoutKey(shape);
    const hit = this.ready.get(key);
    if (hit) return hit;
    let p = this.pending.get(key);
    if (!p) {
      p = compileTemplate(shape).then(
        (t) => {
          this.ready.set(key, t);
          this.pending.delete(key);
          return t;
        },
        (err: unknown) => {
          this.pending.delete(key);
          throw err;
        },
      );
      this.pending.set(key, p);
    }
    return p;
  }

  get size(): number {
    return this.ready.size;
  }

  clear(): void {
    this.ready.clear();
    this.pending.clear();
  }
}
