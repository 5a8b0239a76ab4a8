import type { Document } from 'bson';
import {
  bsonTypeName,
  compareValues,
  isNumeric,
  isPlainObject,
  toNumber,
  typeRank,
  type Doc,
} from './bson-values.js';
import { commandError, failedToParse } from './errors.js';

/*
 * MongoDB's `$jsonSchema` (draft 4 with `bsonType`), shared by collection validators and find
 * filters. A keyword outside this set fails with a clear error rather than being ignored.
 */

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  string: (v) => typeof v === 'string',
  number: (v) => isNumeric(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
};

function hasBsonType(value: unknown, type: string): boolean {
  if (type === 'number') return isNumeric(value);
  const actual = bsonTypeName(value);
  return actual === type || (type === 'bool' && actual === 'boolean');
}

const IGNORED = new Set(['title', 'description']);
const KEYWORDS = new Set([
  'bsonType',
  'type',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

/** Fails on a schema keyword we would not enforce, as mongod fails unknown ones. */
export function assertSchema(schema: unknown): void {
  if (!isPlainObject(schema)) throw failedToParse('$jsonSchema must be an object');
  for (const [keyword, arg] of Object.entries(schema)) {
    if (IGNORED.has(keyword)) continue;
    if (!KEYWORDS.has(keyword)) throw failedToParse(`Unknown $jsonSchema keyword: ${keyword}`);
    if (keyword === 'properties' && isPlainObject(arg)) Object.values(arg).forEach(assertSchema);
    if (
      keyword === 'items' ||
      keyword === 'not' ||
      (keyword === 'additionalProperties' && isPlainObject(arg))
    )
      list(arg).forEach(assertSchema);
    if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') list(arg).forEach(assertSchema);
  }
}

/** One `$jsonSchema` node against one value (MongoDB's draft-4 subset, with `bsonType`). */
export function matchesSchema(schema: unknown, value: unknown): boolean {
  if (!isPlainObject(schema)) throw failedToParse('$jsonSchema must be an object');
  for (const [keyword, arg] of Object.entries(schema)) {
    if (IGNORED.has(keyword)) continue;
    if (!checkKeyword(keyword, arg, value, schema)) return false;
  }
  return true;
}

const list = (arg: unknown): unknown[] => (Array.isArray(arg) ? arg : [arg]);
const num = (arg: unknown): number => toNumber(arg);

function checkKeyword(keyword: string, arg: unknown, value: unknown, schema: Document): boolean {
  const isObj = isPlainObject(value);
  const isStr = typeof value === 'string';
  const isNum = isNumeric(value);
  switch (keyword) {
    case 'bsonType':
      return list(arg).some((t) => hasBsonType(value, String(t)));
    case 'type':
      return list(arg).some((t) => JSON_TYPES[String(t)]?.(value) ?? false);
    case 'enum':
      return list(arg).some((e) => typeRank(e) === typeRank(value) && compareValues(e, value) === 0);
    case 'required':
      return !isObj || list(arg).every((k) => (value as Doc)[String(k)] !== undefined);
    case 'properties':
      if (!isObj || !isPlainObject(arg)) return true;
      return Object.entries(arg).every(([k, sub]) => {
        const v = (value as Doc)[k];
        return v === undefined || matchesSchema(sub, v);
      });
    case 'additionalProperties': {
      if (!isObj || arg === true) return true;
      const known = new Set(Object.keys((schema.properties as Document | undefined) ?? {}));
      const extra = Object.keys(value as Doc).filter((k) => !known.has(k));
      return arg === false ? extra.length === 0 : extra.every((k) => matchesSchema(arg, (value as Doc)[k]));
    }
    case 'minProperties':
      return !isObj || Object.keys(value as Doc).length >= num(arg);
    case 'maxProperties':
      return !isObj || Object.keys(value as Doc).length <= num(arg);
    case 'minimum':
      return (
        !isNum ||
        (schema.exclusiveMinimum === true ? toNumber(value) > num(arg) : toNumber(value) >= num(arg))
      );
    case 'maximum':
      return (
        !isNum ||
        (schema.exclusiveMaximum === true ? toNumber(value) < num(arg) : toNumber(value) <= num(arg))
      );
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return true; // applied with minimum / maximum, as in draft 4
    case 'multipleOf':
      return !isNum || toNumber(value) % num(arg) === 0;
    case 'minLength':
      return !isStr || [...(value as string)].length >= num(arg);
    case 'maxLength':
      return !isStr || [...(value as string)].length <= num(arg);
    case 'pattern':
      return !isStr || new RegExp(String(arg), 'u').test(value as string);
    case 'items':
      if (!Array.isArray(value)) return true;
      if (Array.isArray(arg)) return arg.every((sub, i) => i >= value.length || matchesSchema(sub, value[i]));
      return value.every((v) => matchesSchema(arg, v));
    case 'minItems':
      return !Array.isArray(value) || value.length >= num(arg);
    case 'maxItems':
      return !Array.isArray(value) || value.length <= num(arg);
    case 'uniqueItems':
      return (
        !Array.isArray(value) ||
        arg !== true ||
        value.every(
          (v, i) => value.findIndex((w) => typeRank(w) === typeRank(v) && compareValues(w, v) === 0) === i,
        )
      );
    case 'allOf':
      return list(arg).every((sub) => matchesSchema(sub, value));
    case 'anyOf':
      return list(arg).some((sub) => matchesSchema(sub, value));
    case 'oneOf':
      return list(arg).filter((sub) => matchesSchema(sub, value)).length === 1;
    case 'not':
      return !matchesSchema(arg, value);
    default:
      throw commandError(
        115,
        `$jsonSchema keyword '${keyword}' is not supported by the embedded MongoDB test server`,
      );
  }
}
