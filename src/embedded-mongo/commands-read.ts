import { Long, type Document } from 'bson';
import { canonicalKey } from './bson-values.js';
import type { Collection } from './collection.js';
import { pathValues } from './doc-paths.js';
import type { CommandContext, CommandHandler } from './engine.js';
import { commandError, badValue } from './errors.js';
import { runPipeline } from './aggregate.js';
import { collationOf, findDocs, projectDocs } from './query-engine.js';

function nameOf(ctx: CommandContext, field: string): string {
  const name = ctx.command[field];
  if (typeof name !== 'string') throw commandError(73, `collection name has invalid type ${typeof name}`);
  return name;
}

function nonNegative(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = Number(value instanceof Long ? value.toNumber() : value);
  if (!Number.isFinite(n)) throw badValue(`${what} must be a number`);
  if (n < 0 && what !== 'limit') throw badValue(`${what} value must be non-negative, but received: ${n}`);
  return n;
}

/** mongod fails a find whose hint names no index of an existing collection; so do we. */
function checkHint(command: Document, coll: Collection | undefined): void {
  const hint = command.hint;
  if (hint === undefined) return;
  if (typeof hint !== 'string' && !(hint && typeof hint === 'object')) {
    throw badValue('hint must be a string or an object');
  }
  if (!coll) return;
  const specs = [{ name: '_id_', key: { _id: 1 } }, ...coll.indexes.map((i) => i.spec)];
  const wanted = typeof hint === 'string' ? undefined : JSON.stringify(hint);
  if (typeof hint !== 'string' && Object.keys(hint as Document)[0] === '$natural') return;
  const found = specs.some((spec) =>
    typeof hint === 'string' ? spec.name === hint : JSON.stringify(spec.key) === wanted,
  );
  if (!found) {
    throw badValue(
      'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
    );
  }
}

export const readCommands: Record<string, CommandHandler> = {
  find: (ctx) => {
    const name = nameOf(ctx, 'find');
    const { command } = ctx;
    if (command.tailable || command.awaitData)
      throw commandError(115, 'tailable cursors are not supported by the embedded MongoDB test server');
    const coll = ctx.scope.catalog.getCollection(ctx.db, name);
    checkHint(command, coll);
    let limit = nonNegative(command.limit, 'limit');
    const singleBatch = command.singleBatch === true || (limit !== undefined && limit < 0);
    if (limit !== undefined && limit < 0) limit = -limit;
    const filter = command.filter as Document | undefined;
    const docs = findDocs(coll, {
      filter,
      sort: command.sort as Document | undefined,
      skip: nonNegative(command.skip, 'skip'),
      limit,
      collation: collationOf(command),
      variables: command.let as Document | undefined,
    });
    const projected = projectDocs(docs, command.projection as Document | undefined, filter);
    const batchSize = nonNegative(command.batchSize, 'batchSize');
    return ctx.engine.cursors.open(`${ctx.db}.${name}`, projected, batchSize, singleBatch);
  },
  getMore: (ctx) => {
    const id = ctx.command.getMore;
    if (!(id instanceof Long) && typeof id !== 'number')
      throw commandError(14, 'getMore cursor id must be a long');
    const name = String(ctx.command.collection);
    const batchSize = nonNegative(ctx.command.batchSize, 'batchSize');
    return ctx.engine.cursors.getMore(Long.fromValue(id as never), `${ctx.db}.${name}`, batchSize);
  },
  killCursors: (ctx) => {
    const name = nameOf(ctx, 'killCursors');
    const ids = (ctx.command.cursors as Long[] | undefined) ?? [];
    return ctx.engine.cursors.kill(`${ctx.db}.${name}`, ids);
  },
  count: (ctx) => {
    const name = nameOf(ctx, 'count');
    const { command } = ctx;
    const coll = ctx.scope.catalog.getCollection(ctx.db, name);
    const skip = nonNegative(command.skip, 'skip') ?? 0;
    const limit = Math.abs(nonNegative(command.limit, 'limit') ?? 0);
    const matched = findDocs(coll, {
      filter: command.query as Document | undefined,
      collation: collationOf(command),
    });
    let n = Math.max(0, matched.length - skip);
    if (limit > 0) n = Math.min(n, limit);
    return { n, ok: 1 };
  },
  distinct: (ctx) => {
    const name = nameOf(ctx, 'distinct');
    const { command } = ctx;
    const key = command.key;
    if (typeof key !== 'string')
      throw commandError(14, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
    const coll = ctx.scope.catalog.getCollection(ctx.db, name);
    const collation = collationOf(command);
    const docs = findDocs(coll, { filter: command.query as Document | undefined, collation });
    const seen = new Map<string, unknown>();
    for (const doc of docs) {
      for (const value of pathValues(doc, key)) {
        if (value === undefined) continue;
        const k = canonicalKey(value, collation);
        if (!seen.has(k)) seen.set(k, value);
      }
    }
    return { values: [...seen.values()], ok: 1 };
  },
  aggregate: (ctx) => {
    const { command } = ctx;
    const pipeline = command.pipeline;
    if (!Array.isArray(pipeline)) throw commandError(14, "'pipeline' option must be specified as an array");
    if (command.explain)
      throw commandError(115, 'explain is not supported by the embedded MongoDB test server');
    const cursorSpec = command.cursor as Document | undefined;
    if (!cursorSpec)
      throw commandError(
        9,
        "The 'cursor' option is required, except for aggregate with the explain argument",
      );
    const target = command.aggregate;
    const name = typeof target === 'string' ? target : undefined;
    const docs = runPipeline(ctx, name, pipeline as Document[]);
    const batchSize = nonNegative(cursorSpec.batchSize, 'batchSize');
    return ctx.engine.cursors.open(`${ctx.db}.${name ?? '$cmd.aggregate'}`, docs, batchSize);
  },
  explain: () => {
    throw commandError(115, 'explain is not supported by the embedded MongoDB test server');
  },
};
