import type { Document } from 'bson';
import { isPlainObject } from './bson-values.js';

/**
 * MongoDB's `$options: 'x'` (extended syntax: unescaped whitespace outside character classes
 * and `#` comments are ignored) has no JavaScript flag; mingo passes it to `new RegExp` and
 * fails. Rewrites such conditions into the plain pattern. Returns `filter` itself when nothing
 * needs rewriting, which is the common case and costs one walk over the filter's keys.
 */
export function expandExtendedRegexes<T>(filter: T): T {
  if (Array.isArray(filter)) {
    let changed = false;
    const out = filter.map((item) => {
      const next = expandExtendedRegexes(item);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? out : filter) as T;
  }
  if (!isPlainObject(filter)) return filter;
  const doc = filter as Document;
  if (typeof doc.$regex === 'string' && typeof doc.$options === 'string' && doc.$options.includes('x')) {
    return { ...doc, $regex: stripExtended(doc.$regex), $options: doc.$options.replace(/x/g, '') } as T;
  }
  let out: Document | undefined;
  for (const [key, value] of Object.entries(doc)) {
    if (value === null || typeof value !== 'object') continue;
    const next = expandExtendedRegexes(value);
    if (next !== value) (out ??= { ...doc })[key] = next;
  }
  return (out ?? filter) as T;
}

function stripExtended(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}
