import type { Document } from 'bson';
import { Context } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { flatten, resolve } from 'mingo/util';
import type { $set as mingoSet } from 'mingo/operators/update';
import {
  bsonTypeName,
  compareCollated,
  compareValues,
  foldString,
  isNumeric,
  isPlainObject,
  typeRank,
  type CollationLike,
} from './bson-values.js';
import { badValue, commandError, invalidRegex } from './errors.js';
import { jsonSchemaValidator, modTest, withSystemVariables } from './query-extras.js';
import { expandExtendedRegexes } from './regex-options.js';
import { hashedInTest } from './hashed-in.js';
import { orderedBucketAuto, orderedProject } from './stage-order.js';
import { equalityLookup, redactStage, sampleStage, strictSwitch } from './mingo-overrides.js';

export type Predicate = (doc: Document) => boolean;
type Op = (selector: string, value: unknown, options: Options) => Predicate;

const UNSUPPORTED = new Set([
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$text',
  '$where',
  '$within',
]);

/**
 * Equality as MongoDB defines it: numbers by value across int/long/double/decimal, null also
 * matching a missing field, strings folded by the collation.
 */
function equalValue(a: unknown, b: unknown, collation?: CollationLike): boolean {
  if (b === null) return a === null || a === undefined;
  if (typeof a === 'string' && typeof b === 'string' && collation) {
    return foldString(a, collation) === foldString(b, collation);
  }
  if (b instanceof RegExp) return typeof a === 'string' && b.test(a);
  return typeRank(a) === typeRank(b) && compareValues(a, b) === 0;
}

function depthOf(selector: string): number {
  let depth = 0;
  for (let i = 0; i < selector.length; i++) if (selector.charCodeAt(i) === 46) depth++;
  return depth;
}

/** Candidate values for `selector`: the value itself, and if it is an array, its elements. */
function candidates(lhs: unknown, depth: number): unknown[] {
  if (!Array.isArray(lhs)) return [lhs];
  return [lhs, ...flatten(lhs, depth + 1)];
}

function matchesEq(lhs: unknown, rhs: unknown, depth: number, collation?: CollationLike): boolean {
  if (rhs === null && Array.isArray(lhs) && lhs.length === 0) return false;
  for (const v of candidates(lhs, depth)) if (equalValue(v, rhs, collation)) return true;
  return false;
}

function orderOp(test: (c: number) => boolean, collation?: CollationLike) {
  return (lhs: unknown, rhs: unknown, depth: number): boolean => {
    for (const v of candidates(lhs, depth)) {
      if (rhs === null) {
        if ((v === null || v === undefined) && test(0)) return true;
        continue;
      }
      if (typeRank(v) !== typeRank(rhs)) continue;
      if (test(compareCollated(v, rhs, collation))) return true;
    }
    return false;
  };
}

const TYPE_ALIASES: Record<string, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
};

function typeMatches(value: unknown, wanted: unknown): boolean {
  const name = TYPE_ALIASES[String(wanted)] ?? String(wanted);
  if (name === 'number') return isNumeric(value);
  return bsonTypeName(value) === name;
}

function makeOps(collation?: CollationLike): Record<string, Op> {
  const field =
    (check: (lhs: unknown, rhs: unknown, depth: number) => boolean): Op =>
    (selector, value) => {
      const depth = depthOf(selector);
      return (doc) => check(resolve(doc, selector, { unwrapArray: true }), value, depth);
    };
  const inList = (lhs: unknown, rhs: unknown, depth: number): boolean => {
    if (!Array.isArray(rhs)) throw badValue('$in needs an array');
    return rhs.some((r) => matchesEq(lhs, r, depth, collation));
  };
  const ops: Record<string, Op> = {
    $eq: field((l, r, d) => matchesEq(l, r, d, collation)),
    $ne: field((l, r, d) => !matchesEq(l, r, d, collation)),
    $in: field(inList),
    $nin: field((l, r, d) => !inList(l, r, d)),
    $gt: field(orderOp((c) => c > 0, collation)),
    $gte: field(orderOp((c) => c >= 0, collation)),
    $lt: field(orderOp((c) => c < 0, collation)),
    $lte: field(orderOp((c) => c <= 0, collation)),
    $type: field((l, r) => {
      const wanted = Array.isArray(r) ? r : [r];
      const values = Array.isArray(l) ? [l, ...l] : [l];
      return values.some((v) => v !== undefined && wanted.some((w) => typeMatches(v, w)));
    }),
  };
  ops.$mod = (selector, spec, options) => {
    const test = modTest(spec);
    return field((lhs, _rhs, depth) => candidates(lhs, depth).some(test))(selector, spec, options);
  };
  for (const name of UNSUPPORTED) {
    ops[name] = () => {
      throw commandError(
        name === '$text' ? 27 : 2,
        `${name} is not supported by the embedded MongoDB test server`,
      );
    };
  }
  return ops;
}

const contexts = new Map<string, Context>();

/** mingo's per-call options object (the class is not exported; its type is reachable this way). */
export type ComputeOptions = NonNullable<Parameters<typeof mingoSet>[2]>;

/**
 * mingo copies every operator table of the context whenever it is handed plain options (each
 * Query, each update), which cost more than the work itself on small updates. Handed one of its
 * own ComputeOptions instead, it shares the context. The class is not exported, but every query
 * operator receives an instance, so one probe query hands it to us.
 */
const computeOptionsClass: { init(options: Partial<Options>): ComputeOptions } | undefined = (() => {
  let found: unknown;
  const probe = (_selector: string, _value: unknown, options: unknown): Predicate => {
    found = (options as { constructor?: unknown }).constructor;
    return () => true;
  };
  new Query({ x: { $probe: 1 } }, { context: Context.init({ query: { $probe: probe } as never }) });
  const init = (found as { init?: unknown } | undefined)?.init;
  return typeof init === 'function' ? (found as { init(o: Partial<Options>): ComputeOptions }) : undefined;
})();

const computeOptionsCache = new Map<string, ComputeOptions>();

/**
 * The options of {@link queryOptions} as one shared mingo ComputeOptions per collation: pass it
 * where mingo takes options and the operator tables are not rebuilt. Falls back to the plain
 * options (same behaviour, slower) should a mingo release change its internals.
 */
export function computeOptions(collation?: CollationLike): Partial<Options> {
  if (!computeOptionsClass) return queryOptions(collation);
  const cacheKey = collation ? JSON.stringify(collation) : '';
  let options = computeOptionsCache.get(cacheKey);
  if (!options) {
    options = computeOptionsClass.init(queryOptions(collation));
    computeOptionsCache.set(cacheKey, options);
  }
  return options;
}

/** A fresh per-call copy of {@link computeOptions} that shares its context, or undefined (see there). */
export function callOptions(collation?: CollationLike): ComputeOptions | undefined {
  return computeOptionsClass ? computeOptionsClass.init(computeOptions(collation)) : undefined;
}

export { withSystemVariables };

export function queryOptions(collation?: CollationLike): Partial<Options> {
  const cacheKey = collation ? JSON.stringify(collation) : '';
  let context = contexts.get(cacheKey);
  if (!context) {
    // mingo's Context.from lets the first context win, so build one full context with ours on top.
    context = Context.init({
      accumulator: accumulatorOps as never,
      expression: { ...expressionOps, $switch: strictSwitch } as never,
      pipeline: {
        ...pipelineOps,
        $lookup: equalityLookup,
        $project: orderedProject,
        $bucketAuto: orderedBucketAuto,
        $redact: redactStage,
        $sample: sampleStage,
      } as never,
      projection: projectionOps as never,
      query: { ...queryOps, ...makeOps(collation) } as never,
      window: windowOps as never,
    });
    contexts.set(cacheKey, context);
  }
  return {
    context,
    useStrictMode: true,
    scriptEnabled: false,
    jsonSchemaValidator: jsonSchemaValidator as never,
    variables: withSystemVariables(undefined),
  };
}

/** True for a filter value that is a plain scalar equality (no operators, regex or arrays). */
function isSimpleValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value) || value instanceof RegExp) return false;
  if (isPlainObject(value)) return false;
  return true;
}

type FieldTest = (lhs: unknown) => boolean;

const ORDER_TESTS: Record<string, (c: number) => boolean> = {
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
};

/**
 * The test for one top-level field when its condition is a scalar, or only `$eq`, `$ne`, `$in`,
 * `$exists` and range operators on scalars: the same comparisons the mingo operators above make, without
 * mingo's per-document path resolution. Anything else returns undefined (use mingo).
 */
function fastFieldTest(value: unknown, collation?: CollationLike): FieldTest | undefined {
  if (isSimpleValue(value)) return (lhs) => matchesEq(lhs, value, 0, collation);
  if (!isPlainObject(value)) return undefined;
  const tests: FieldTest[] = [];
  for (const [op, operand] of Object.entries(value)) {
    if (op === '$eq' && isSimpleValue(operand)) tests.push((lhs) => matchesEq(lhs, operand, 0, collation));
    else if (op === '$in' && Array.isArray(operand) && operand.every(isSimpleValue)) {
      const hashed = hashedInTest(
        operand,
        collation,
        (v, r) => equalValue(v, r, collation),
        (lhs) => candidates(lhs, 0),
      );
      tests.push(hashed ?? ((lhs) => operand.some((r) => matchesEq(lhs, r, 0, collation))));
    } else if (op === '$exists' && typeof operand === 'boolean') {
      // Top-level fields only reach here, where missing is exactly `undefined`.
      tests.push(operand ? (lhs) => lhs !== undefined : (lhs) => lhs === undefined);
    } else if (op === '$ne' && isSimpleValue(operand)) {
      tests.push((lhs) => !matchesEq(lhs, operand, 0, collation));
    } else if (ORDER_TESTS[op] && isSimpleValue(operand)) {
      const check = orderOp(ORDER_TESTS[op], collation);
      tests.push((lhs) => check(lhs, operand, 0));
    } else return undefined;
  }
  if (tests.length === 0) return undefined;
  return tests.length === 1 ? tests[0] : (lhs) => tests.every((t) => t(lhs));
}

/**
 * Compiles a query filter. Filters whose top-level fields only carry scalar equalities,
 * `$in` lists or ranges skip mingo, which keeps indexed lookups and `_id` pages cheap.
 */
export function compileFilter(
  filter: Document | undefined,
  collation?: CollationLike,
  /** The command's `let` variables, for `$expr` with `$$name`. */
  variables?: Document,
): Predicate {
  if (!filter) return () => true;
  if ('$comment' in filter) {
    // A `$comment` is for the profiler and logs; it never filters anything.
    const { $comment: _comment, ...rest } = filter;
    filter = rest;
  }
  filter = expandExtendedRegexes(filter);
  const keys = Object.keys(filter);
  if (keys.length === 0) return () => true;
  const fast: Array<[string, FieldTest]> = [];
  for (const k of keys) {
    const test = k.startsWith('$') || k.includes('.') ? undefined : fastFieldTest(filter[k], collation);
    if (!test) break;
    fast.push([k, test]);
  }
  if (fast.length === keys.length) {
    if (fast.length === 1) {
      const [k, test] = fast[0] as [string, FieldTest];
      return (doc) => test(doc[k]);
    }
    return (doc) => fast.every(([k, test]) => test(doc[k]));
  }
  try {
    const options = variables
      ? { ...queryOptions(collation), variables: withSystemVariables(variables) }
      : computeOptions(collation);
    const query = new Query(filter, options);
    return (doc) => query.test(doc);
  } catch (error) {
    throw toQueryError(error);
  }
}

function toQueryError(error: unknown): Error {
  if (error instanceof Error && error.name === 'MongoCommandError') return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('unknown query operator')) {
    return badValue(`unknown operator: ${message.slice('unknown query operator '.length)}`);
  }
  if (message.startsWith('Invalid regular expression')) return invalidRegex(message);
  if (message.startsWith('unknown top level operator')) {
    return badValue(`unknown top level operator: ${message.split(': ').pop() ?? ''}`);
  }
  return badValue(message);
}
