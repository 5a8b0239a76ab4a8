import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { ProcessingMode } from 'mingo/core';
import { plainNumbers } from './bson-codec.js';
import { isPlainObject, type CollationLike, type Doc } from './bson-values.js';
import type { Collection } from './collection.js';
import type { CommandContext } from './engine.js';
import { commandError } from './errors.js';
import { queryOptions, withSystemVariables } from './matcher.js';
import { rewritePipeline } from './pipeline-rewrite.js';
import { collationOf, findDocs, simpleProjection, type MatchOptions } from './query-engine.js';
import { sortDocs } from './sort.js';
import { withId } from './update.js';

const UNSUPPORTED_STAGES = new Set([
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$changeStream',
  '$collStats',
  '$indexStats',
  '$listSessions',
  '$listLocalSessions',
  '$currentOp',
  '$planCacheStats',
  '$graphLookup',
  '$listSearchIndexes',
  '$changeStreamSplitLargeEvent',
  '$shardedDataDistribution',
]);

const KNOWN_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$densify',
  '$documents',
  '$facet',
  '$fill',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$merge',
  '$out',
  '$project',
  '$redact',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$set',
  '$setWindowFields',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unionWith',
  '$unset',
  '$unwind',
]);

function stageName(stage: Document): string {
  const keys = Object.keys(stage);
  if (keys.length !== 1)
    throw commandError(40323, 'A pipeline stage specification object must contain exactly one field.');
  return keys[0] as string;
}

const SCRIPT_OPERATORS = ['$function', '$accumulator', '$where'];

function validate(pipeline: Document[]): void {
  // Script operators are refused up front, so mingo may run its own internal $function
  // ($setWindowFields builds one) with scripting enabled.
  const text = JSON.stringify(pipeline);
  for (const op of SCRIPT_OPERATORS) {
    if (text.includes(`"${op}"`)) {
      throw commandError(
        115,
        `${op} (server-side JavaScript) is not supported by the embedded MongoDB test server`,
      );
    }
  }
  pipeline.forEach((stage, i) => {
    const name = stageName(stage);
    if (name === '$changeStream') {
      throw commandError(
        115,
        'Change streams (Model.watch(), collection.watch(), $changeStream) are not supported by the embedded MongoDB test server',
      );
    }
    if (UNSUPPORTED_STAGES.has(name)) {
      throw commandError(115, `${name} is not supported by the embedded MongoDB test server`);
    }
    if (!KNOWN_STAGES.has(name)) throw commandError(40324, `Unrecognized pipeline stage name: '${name}'`);
    if ((name === '$out' || name === '$merge') && i !== pipeline.length - 1) {
      throw commandError(40601, `${name} can only be the final stage in the pipeline`);
    }
    if (name === '$match' && JSON.stringify(stage.$match).includes('"$text"')) {
      throw commandError(115, '$text is not supported by the embedded MongoDB test server');
    }
    if (name === '$facet') {
      for (const sub of Object.values(stage.$facet as Document)) validate(sub as Document[]);
    }
  });
}

/**
 * Runs an aggregation pipeline. Leading $match/$sort/$skip/$limit stages are answered here,
 * through the indexes and with BSON sort order, and a final count without copies; mingo
 * evaluates the remaining stages on copies.
 */
export function runPipeline(
  ctx: CommandContext,
  collection: string | undefined,
  pipeline: Document[],
): Doc[] {
  validate(pipeline);
  const catalog = ctx.scope.catalog;
  const collation = collationOf(ctx.command);
  const last = pipeline[pipeline.length - 1];
  const outStage = last && ('$out' in last || '$merge' in last) ? last : undefined;
  const stages = outStage ? pipeline.slice(0, -1) : pipeline;

  const coll = collection === undefined ? undefined : catalog.getCollection(ctx.db, collection);
  let { docs, next: i } = leadingStages(coll, stages, collation, ctx.command.let as Document | undefined);
  let owned = false;
  for (; i < stages.length; i++) {
    const stage = stages[i] as Document;
    if (!('$sort' in stage)) break;
    if (!owned) docs = docs.slice();
    owned = true;
    sortDocs(docs, stage.$sort as Document, collation);
  }
  // A plain top-level $project next is applied here, before the documents are deep-copied for
  // mingo: a $group over two fields of large documents then copies two fields, not the documents.
  const head = stages[i];
  if (head && '$project' in head && isPlainObject(head.$project) && Object.keys(head.$project).length > 0) {
    const simple = simpleProjection(head.$project as Document);
    if (simple) {
      docs = docs.map(simple);
      i++;
    }
  }
  const rest = stages.slice(i);
  let out: Doc[] = docs;
  const counted = countStage(rest, docs.length);
  if (counted) out = counted;
  else if (rest.length > 0) {
    const resolved = new Map<string, Doc[]>();
    const resolver = (name: string): Doc[] => {
      let foreign = resolved.get(name);
      if (!foreign) {
        foreign = [...(catalog.getCollection(ctx.db, name)?.docs.values() ?? [])].map(plainNumbers);
        resolved.set(name, foreign);
      }
      return foreign;
    };
    try {
      const aggregator = new Aggregator(rewritePipeline(rest), {
        ...queryOptions(collation),
        scriptEnabled: true,
        processingMode: ProcessingMode.CLONE_OFF,
        collectionResolver: resolver,
        collation: collation as never,
        variables: withSystemVariables(ctx.command.let as Document | undefined),
      });
      out = aggregator.run(docs.map(plainNumbers)) as Doc[];
    } catch (error) {
      if (error instanceof Error && error.name === 'MongoCommandError') throw error;
      throw stageError(error);
    }
  }
  if (outStage) {
    writeOut(ctx, outStage, out);
    return [];
  }
  return out;
}

/** mingo's messages for mistakes whose MongoDB codes drivers and users test for. */
function stageError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/\$group specification must include an '_id'/.test(message))
    return commandError(15955, 'a group specification must include an _id');
  if (message.startsWith('Cannot do exclusion and inclusion in projection'))
    return commandError(31254, `Invalid $project :: caused by :: ${message}`);
  return commandError(2, message);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Answers `[$match] [$sort] [$skip] [$limit]` at the head of a pipeline with one `findDocs`
 * call, so the match reads an index and a sort with a limit keeps only the top documents.
 * Returns the documents and the position of the first stage left for mingo.
 */
function leadingStages(
  coll: Collection | undefined,
  stages: Document[],
  collation?: CollationLike,
  variables?: Document,
): { docs: Doc[]; next: number } {
  let i = 0;
  const options: MatchOptions = { collation, variables };
  const at = (name: string): boolean => stages[i] !== undefined && name in (stages[i] as Document);
  if (at('$match')) options.filter = (stages[i++] as Document).$match as Document;
  if (at('$sort') && !(stages[i + 1] && '$sort' in (stages[i + 1] as Document))) {
    options.sort = (stages[i++] as Document).$sort as Document;
  }
  if (at('$skip') && isCount((stages[i] as Document).$skip))
    options.skip = (stages[i++] as Document).$skip as number;
  if (at('$limit') && isCount((stages[i] as Document).$limit) && (stages[i] as Document).$limit !== 0) {
    options.limit = (stages[i++] as Document).$limit as number;
  }
  if (i === 0) return { docs: coll ? [...coll.docs.values()] : [], next: 0 };
  return { docs: findDocs(coll, options), next: i };
}

/** A `$group` key or `$sum` argument that is a constant, not a field path or expression. */
function isConstant(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && !value.startsWith('$'))
  );
}

/**
 * countDocuments ends in `{$group: {_id: 1, n: {$sum: 1}}}` (and `$count` is its sibling):
 * counting needs no copy of the matched documents, so answer it without mingo.
 */
function countStage(rest: Document[], n: number): Doc[] | undefined {
  if (rest.length !== 1) return undefined;
  const stage = rest[0] as Document;
  const name = stage.$count as unknown;
  if (typeof name === 'string' && /^[^$.][^.]*$/.test(name)) return n === 0 ? [] : [{ [name]: n }];
  const group = stage.$group as unknown;
  if (!isPlainObject(group) || !isConstant(group._id)) return undefined;
  const out: Doc = { _id: group._id };
  for (const [field, acc] of Object.entries(group)) {
    if (field === '_id') continue;
    if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || !Number.isInteger(acc.$sum)) return undefined;
    out[field] = n * (acc.$sum as number);
  }
  return n === 0 ? [] : [out];
}

function writeOut(ctx: CommandContext, stage: Document, docs: Doc[]): void {
  if (ctx.scope.catalog.inTransaction)
    throw commandError(263, '$out and $merge cannot be used in a transaction');
  const storage = ctx.engine.storage;
  if ('$out' in stage) {
    const spec = stage.$out;
    const db = isPlainObject(spec) ? String(spec.db) : ctx.db;
    const name = isPlainObject(spec) ? String(spec.coll) : String(spec);
    const old = storage.getCollection(db, name);
    storage.dropCollection(db, name);
    const target = storage.createCollection(db, name, old?.options);
    for (const index of old?.indexes ?? []) target.createIndex(index.spec);
    for (const doc of docs) target.insert(withId(doc));
  } else {
    const spec = stage.$merge;
    const into = isPlainObject(spec) ? spec.into : spec;
    const db = isPlainObject(into) ? String(into.db) : ctx.db;
    const name = isPlainObject(into) ? String(into.coll) : String(into);
    const options = isPlainObject(spec) ? spec : {};
    if (options.on !== undefined && options.on !== '_id')
      throw commandError(
        115,
        '$merge on fields other than _id is not supported by the embedded MongoDB test server',
      );
    const whenMatched = options.whenMatched ?? 'merge';
    const whenNotMatched = options.whenNotMatched ?? 'insert';
    const target = storage.ensureCollection(db, name);
    for (const raw of docs) {
      const doc = withId(raw);
      const current = target.get(doc._id);
      if (!current) {
        if (whenNotMatched === 'insert') target.insert(doc);
        else if (whenNotMatched === 'fail')
          throw commandError(13113, 'Found a document with no match in the target collection');
        continue;
      }
      if (whenMatched === 'replace') target.replace(current, doc);
      else if (whenMatched === 'merge') target.replace(current, { ...current, ...doc });
      else if (whenMatched === 'fail') throw current && target.idIndexDuplicate(doc._id);
      else if (whenMatched !== 'keepExisting')
        throw commandError(
          115,
          'pipeline whenMatched in $merge is not supported by the embedded MongoDB test server',
        );
    }
  }
  ctx.engine.tick();
  ctx.engine.onWrite?.();
}
