import { isPlainObject, type Doc } from './bson-values.js';

const splitCache = new Map<string, string[]>();
function splitPath(path: string): string[] {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitCache.size < 10_000) splitCache.set(path, parts);
  }
  return parts;
}

/**
 * All values a dotted path reaches, expanding arrays the way a multikey index does. An empty
 * result means the path is missing.
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  if (!path.includes('.') && isPlainObject(doc)) {
    // Fast path: a top-level field that is not an array.
    const value = doc[path];
    if (value === undefined) return path in doc ? [undefined] : [];
    if (!Array.isArray(value)) return [value];
  }
  const parts = splitPath(path);
  const out: unknown[] = [];
  const walk = (value: unknown, i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(value)) {
        if (value.length === 0) out.push(undefined);
        else for (const item of value) out.push(item);
      } else {
        out.push(value);
      }
      return;
    }
    const part = parts[i] as string;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part) && value.length > Number(part)) {
        walk(value[Number(part)], i + 1);
        return;
      }
      for (const item of value) if (isPlainObject(item)) walk(item, i);
      return;
    }
    if (isPlainObject(value) && part in value) walk(value[part], i + 1);
  };
  walk(doc, 0);
  return out;
}

/** Value at a dotted path without array expansion, or undefined. */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Doc)[part];
  }
  return value;
}
