import { describe, expect, it } from 'vitest';
import { composeCopy } from '../../../src/generate/composer/index.js';
import {
  renderEmail,
  renderEmailFresh,
  TemplateCache,
  type RenderInput,
} from '../../../src/generate/render/index.js';
import type { CopyRequest } from '../../../src/generate/types.js';
import { PRODUCTS, request } from '../composer/fixtures.js';

const POSTAL = 'Acme Store, 1 Market Street, San Francisco, CA 94105, USA';
const UNSUB = 'https://mail.example.com/u/tok_abc?x=1&y=2';

function input(r: CopyRequest = request(), extra: Partial<RenderInput> = {}): RenderInput {
  return { copy: composeCopy(r), request: r, unsubscribeUrl: UNSUB, postalAddress: POSTAL, ...extra };
}

describe('renderEmail', () => {
  it('renders product blocks, call to action, footer and lang for each locale', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const i = input(request({ locale }));
      const { html, text } = await renderEmail(i);
      expect(html).toMatch(new RegExp(`<html[^>]*lang="${locale}"`));
      for (const p of PRODUCTS) {
        expect(html).toContain(`href="${p.url}"`);
        expect(html).toContain(`src="${p.imageUrl}"`);
        expect(text).toContain(p.url);
      }
      expect(html).toContain('Petal &amp; Co');
      expect(html).toContain(i.copy.callToAction);
      expect(html).toContain('href="https://mail.example.com/u/tok_abc?x=1&amp;y=2"');
      expect(text).toContain(UNSUB);
      expect(html).toContain(POSTAL);
      expect(text).toContain(POSTAL);
      expect(html).toContain(i.copy.preheader.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
      expect(text).toContain(i.copy.greeting);
    }
  });

  it('escapes every piece of data, including hostile product titles, names and urls', async () => {
    const hostile = request({
      firstName: '<script>alert(1)</script>',
      storeName: 'Tom & "Jerry" <Shop>',
      products: [
        {
          ...PRODUCTS[0]!,
          title: '<img src=x onerror=alert(1)>',
          brand: "O'Brien & Sons",
          url: 'javascript:alert(1)',
        },
      ],
    });
    const i = input(hostile, { preferencesUrl: 'https://mail.example.com/p?a=1&b="2"' });
    i.copy = { ...i.copy, greeting: 'Hi <b>you</b>', subject: '"quoted" & <tagged>' };
    const { html, text } = await renderEmail(i);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<b>you</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Tom &amp; &quot;Jerry&quot; &lt;Shop&gt;');
    expect(html).toContain('Hi &lt;b&gt;you&lt;/b&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;tagged&gt;');
    expect(html).toContain('href="https://mail.example.com/p?a=1&amp;b=&quot;2&quot;"');
    expect(text).toContain('Hi <b>you</b>');
  });

  it('gives exactly the same HTML from the cached template as from a fresh MJML render', async () => {
    const cases: RenderInput[] = [
      input(request({ locale: 'en' })),
      input(request({ locale: 'zh-CN', campaignType: 'abandoned_checkout', tone: 'premium' })),
      input(request({ products: PRODUCTS.slice(0, 1) }), {
        preferencesUrl: 'https://mail.example.com/prefs?t=1&u=2',
      }),
      input(request({ products: [{ ...PRODUCTS[1]!, imageUrl: '', title: 'A & B <c> "d" \'e\'' }] })),
    ];
    for (const c of cases) {
      const cache = new TemplateCache();
      const cold = await renderEmail(c, cache);
      const warm = await renderEmail(c, cache);
      const fresh = await renderEmailFresh(c);
      expect(cache.size).toBe(1);
      expect(warm.html).toBe(cold.html);
      expect(warm.html).toBe(fresh.html);
      expect(warm.text).toBe(fresh.text);
    }
  });

  it('compiles once per layout and renders 1,000 emails quickly after warm-up', async () => {
    const cache = new TemplateCache();
    const inputs = Array.from({ length: 1000 }, (_, n) =>
      input(request({ seed: n, firstName: `Shopper${n}`, locale: n % 2 ? 'en' : 'zh-CN' })),
    );
    await renderEmail(inputs[0]!, cache);
    await renderEmail(inputs[1]!, cache);
    const start = performance.now();
    let bytes = 0;
    for (const i of inputs) bytes += (await renderEmail(i, cache)).html.length;
    const ms = performance.now() - start;
    console.log(
      `rendered 1000 emails in ${ms.toFixed(1)} ms (${(1000 / (ms / 1000)).toFixed(0)}/s, avg ${(bytes / 1000 / 1024).toFixed(1)} KiB)`,
    );
    expect(cache.size).toBe(2);
  });
});
