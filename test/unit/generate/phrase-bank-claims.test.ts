import { describe, expect, it } from 'vitest';
import { PHRASE_BANKS as COMPOSER_BANKS } from '../../../src/generate/composer/index.js';
import { FIELDS } from '../../../src/generate/corpus/controls.js';
import { corpusLines } from '../../../src/generate/corpus/dataset.js';
import { PHRASE_BANKS as CORPUS_BANKS } from '../../../src/generate/corpus/phrase-bank.js';
import { findClaims } from '../../../src/generate/guardrails/index.js';
import { LOCALES } from '../../../src/generate/types.js';

const claimsIn = (line: string): string[] =>
  findClaims(line.toLowerCase()).map((c) => `${c.kind}: ${c.phrase}`);

function strings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
}

describe('phrase banks make no claim the data cannot back', () => {
  it('composer lines claim nothing, except reason lines used only for popularity picks', () => {
    for (const locale of LOCALES) {
      const { reasons, ...rest } = COMPOSER_BANKS[locale];
      const lines: Array<[string, string]> = [];
      strings(rest, locale, lines);
      const { popular, segment_popular: segmentPopular, ...otherReasons } = reasons;
      strings(otherReasons, `${locale}.reasons`, lines);
      expect(lines.length).toBeGreaterThan(100);
      for (const [path, line] of lines) expect(claimsIn(line), `${path}: ${line}`).toEqual([]);
      // compose.ts picks these only when the product's reason code is popular / segment_popular.
      for (const line of [...popular, ...segmentPopular])
        expect(claimsIn(line).every((c) => c.startsWith('popularity'))).toBe(true);
    }
  });

  it('corpus lines (what the Transformer learned from) claim nothing in any expansion', () => {
    let checked = 0;
    for (const locale of LOCALES) {
      for (const field of FIELDS)
        for (const line of corpusLines(locale, field)) {
          checked++;
          expect(claimsIn(line), `[${locale} ${field}] ${line}`).toEqual([]);
        }
      const greetings: Array<[string, string]> = [];
      strings(CORPUS_BANKS[locale].greetings, locale, greetings);
      for (const [path, line] of greetings) expect(claimsIn(line), path).toEqual([]);
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
