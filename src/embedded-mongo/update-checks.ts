import type { Document } from 'bson';
import { bsonTypeName, canonicalKey, isNumeric, isPlainObject, type Doc } from './bson-values.js';
import { getPath } from './doc-paths.js';
import { commandError, failedToParse, typeMismatch } from './errors.js';
import { formatValue } from './format.js';

/**
 * The checks MongoDB makes on an operator update before applying anything: known operators,
 * conflicting paths, operand and target types, paths that cannot be created, the immutable
 * `_id`. mingo skips or silently "fixes" most of these cases.
 */
const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$setOnInsert',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
]);

const isPositional = (path: string): boolean => path.includes('$');

function describeDoc(doc: Doc): string {
  return `{_id: ${formatValue(doc._id)}}`;
}

/** Paths touched by one operator, as written (positional parts included). */
function operatorPaths(op: string, args: Document): string[] {
  const paths = Object.keys(args);
  if (op === '$rename') return [...paths, ...Object.values(args).map(String)];
  return paths;
}

export function checkConflicts(update: Document): void {
  const seen: string[] = [];
  for (const [op, args] of Object.entries(update)) {
    if (!OPERATORS.has(op)) {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(args)) {
      throw failedToParse(
        `Modifiers operate on fields but we found type ${bsonTypeName(args)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(args)}}`,
      );
    }
    for (const path of operatorPaths(op, args)) {
      if (path === '') throw commandError(56, 'An empty update path is not valid.');
      for (const other of seen) {
        if (other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
          const shorter = other.length <= path.length ? other : path;
          throw commandError(40, `Updating the path '${path}' would create a conflict at '${shorter}'`);
        }
      }
      seen.push(path);
    }
  }
}

/**
 * mingo happily replaces a null or scalar parent (or hangs a named field on an array) when it
 * sets `a.b`; MongoDB refuses with PathNotViable and leaves the document alone.
 */
function checkPathViable(doc: Doc, path: string): void {
  const parts = path.split('.');
  let node: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = parts[i + 1] as string;
    const value: unknown = Array.isArray(node) ? node[Number(part)] : (node as Doc)[part];
    if (value === undefined) return;
    const container = Array.isArray(value) ? /^\d+$/.test(next) : isPlainObject(value);
    if (!container) {
      throw commandError(28, `Cannot create field '${next}' in element {${part}: ${formatValue(value)}}`);
    }
    node = value;
  }
}

/** `$rename` works on whole fields: MongoDB refuses either side running through an array. */
function checkRenameSide(doc: Doc, path: string, side: 'source' | 'destination'): void {
  const parts = path.split('.');
  let node: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    node = isPlainObject(node) ? node[parts[i] as string] : undefined;
    if (Array.isArray(node)) {
      throw commandError(
        2,
        `The ${side} field cannot be an array element, '${path}' in doc with _id: ${formatValue(doc._id)} has an array field called '${parts[i]}'`,
      );
    }
  }
}

/** Type checks MongoDB makes before it applies operators (mingo silently skips these cases). */
export function validateTargets(doc: Doc, update: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    const args = update[op] as Document | undefined;
    if (!args) continue;
    for (const [path, amount] of Object.entries(args)) {
      if (!isNumeric(amount)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw typeMismatch(`Cannot ${verb} with non-numeric argument: {${path}: ${formatValue(amount)}}`);
      }
      if (isPositional(path)) continue;
      const current = getPath(doc, path);
      if (current !== undefined && !isNumeric(current)) {
        throw typeMismatch(
          `Cannot apply ${op} to a value of non-numeric type. ${describeDoc(doc)} has the field '${path.split('.').pop() ?? path}' of non-numeric type ${bsonTypeName(current)}`,
        );
      }
    }
  }
  for (const op of ['$push', '$addToSet', '$pull', '$pullAll', '$pop']) {
    const args = update[op] as Document | undefined;
    if (!args) continue;
    for (const [path, value] of Object.entries(args)) {
      if (op === '$pullAll' && !Array.isArray(value)) {
        throw commandError(2, `$pullAll requires an array argument but was given a ${bsonTypeName(value)}`);
      }
      if (isPositional(path)) continue;
      const current = getPath(doc, path);
      if (current === undefined || Array.isArray(current)) continue;
      if (op === '$push' || op === '$addToSet') {
        throw commandError(
          2,
          `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document ${describeDoc(doc)}`,
        );
      }
      if (op === '$pop')
        throw commandError(
          14,
          `Path '${path}' contains an element of non-array type '${bsonTypeName(current)}'`,
        );
      throw commandError(2, `Cannot apply ${op} to a non-array value`);
    }
  }
  for (const op of ['$set', '$push', '$addToSet', '$currentDate']) {
    const args = update[op] as Document | undefined;
    if (args) for (const path of Object.keys(args)) if (!isPositional(path)) checkPathViable(doc, path);
  }
  for (const [from, to] of Object.entries((update.$rename as Document | undefined) ?? {})) {
    checkRenameSide(doc, from, 'source');
    checkRenameSide(doc, String(to), 'destination');
  }
  const unset = update.$unset as Document | undefined;
  const set = update.$set as Document | undefined;
  for (const args of [
    set,
    unset,
    update.$rename as Document | undefined,
    update.$min as Document | undefined,
    update.$max as Document | undefined,
  ]) {
    if (!args) continue;
    for (const path of Object.keys(args)) {
      if (path === '_id' || path.startsWith('_id.')) {
        if (args === set && canonicalKey(getPath(doc, path)) === canonicalKey(set[path])) continue;
        throw commandError(
          66,
          `Performing an update on the path '${path}' would modify the immutable field '_id'`,
        );
      }
    }
  }
}

/**
 * What mongod checks when it parses an update, before it looks for documents: so a bad operator
 * or an unused array filter fails even when nothing matches.
 */
export function checkUpdateSpec(update: Document | Document[], arrayFilters: Document[] | undefined): void {
  if (Array.isArray(update)) {
    if (arrayFilters && arrayFilters.length > 0)
      throw failedToParse('arrayFilters may not be specified for pipeline-syle updates');
    return;
  }
  const keys = Object.keys(update);
  if (keys.length === 0 || !keys.some((k) => k.startsWith('$'))) return;
  checkConflicts(update);
  checkArrayFilters(update, arrayFilters);
}

const IDENTIFIER = /\$\[([^\]]+)\]/g;

/**
 * arrayFilters and `$[<id>]` paths must agree: every identifier used needs a filter, and every
 * filter must be used (mingo fails the first case with an unrelated message and ignores the
 * second).
 */
export function checkArrayFilters(update: Document, arrayFilters: Document[] | undefined): void {
  const declared = new Set<string>();
  for (const filter of arrayFilters ?? []) {
    for (const key of Object.keys(filter)) {
      const id = key.split('.')[0] as string;
      if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
        throw failedToParse(
          `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
        );
      }
      declared.add(id);
    }
  }
  const used = new Set<string>();
  for (const args of Object.values(update)) {
    if (!isPlainObject(args)) continue;
    for (const path of Object.keys(args)) {
      for (const match of path.matchAll(IDENTIFIER)) {
        const id = match[1] as string;
        if (id === '') continue;
        if (!declared.has(id))
          throw commandError(2, `No array filter found for identifier '${id}' in path '${path}'`);
        used.add(id);
      }
    }
  }
  for (const id of declared) {
    if (!used.has(id)) {
      throw failedToParse(
        `The array filter for identifier '${id}' was not used in the update ${formatValue(update)}`,
      );
    }
  }
}
