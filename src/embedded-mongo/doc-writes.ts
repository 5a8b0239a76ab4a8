import type { Document } from 'bson';
import { isPlainObject, type Doc } from './bson-values.js';
import { commandError } from './errors.js';
import { formatValue } from './format.js';

/*
 * Path writes for operator updates. Stored documents are shared and never mutated, so an update
 * works on a copy: a deep one when mingo or an array operator will edit it in place, or, for
 * the common `$set`/`$unset`/`$inc` on plain paths, a copy-on-write one that copies only the
 * objects on the written paths and shares the rest (large untouched subdocuments included).
 */

const COPY_ON_WRITE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$setOnInsert']);

/** Whether every path of `update` can be written copy-on-write on `doc`. */
export function copyOnWriteApplies(doc: Doc, update: Document): boolean {
  for (const [op, args] of Object.entries(update)) {
    if (!COPY_ON_WRITE_OPS.has(op) || !isPlainObject(args)) return false;
    for (const path of Object.keys(args)) if (path.includes('$') || crossesArray(doc, path)) return false;
  }
  return true;
}

/** Replaces each object on the way to `path`'s parent with a shallow copy the update owns. */
export function ownPath(doc: Doc, path: string): void {
  if (!path.includes('.')) return;
  const parts = path.split('.');
  let node: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = node[part];
    if (!isPlainObject(next)) return;
    const copy = { ...next };
    node[part] = copy;
    node = copy;
  }
}

/** Sets a dotted path, creating missing parents; a scalar or null parent fails as in mongod. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = node[part];
    if (next === undefined || next === null) {
      if (next === null)
        throw commandError(28, `Cannot create field '${parts[i + 1]}' in element {${part}: null}`);
      node[part] = {};
    } else if (
      typeof next !== 'object' ||
      next instanceof Date ||
      (!Array.isArray(next) && !isPlainObject(next))
    ) {
      throw commandError(
        28,
        `Cannot create field '${parts[i + 1]}' in element {${part}: ${formatValue(next)}}`,
      );
    }
    node = node[part] as Doc;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Whether a dotted path runs through an array before its last part. */
export function crossesArray(doc: Doc, path: string): boolean {
  if (!path.includes('.')) return false;
  const parts = path.split('.');
  let node: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Doc)[parts[i] as string];
    if (Array.isArray(node)) return true;
  }
  return false;
}

export function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.');
  let node: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(node)) return;
    node = node[parts[i] as string];
  }
  if (isPlainObject(node)) delete node[parts[parts.length - 1] as string];
}
