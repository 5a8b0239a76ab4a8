import { Binary, type Document } from 'bson';
import { randomUUID } from 'node:crypto';
import type { Collection } from './collection.js';
import type { CommandContext, CommandHandler } from './engine.js';
import { commandError, notSupported } from './errors.js';
import { compileFilter } from './matcher.js';
import { assertValidatorSupported } from './validation.js';

function collectionName(ctx: CommandContext, field: string): string {
  const name = ctx.command[field];
  if (typeof name !== 'string' || name === '')
    throw commandError(73, `Invalid namespace specified '${ctx.db}.${String(name)}'`);
  return name;
}

function written(ctx: CommandContext): void {
  ctx.engine.tick();
  ctx.engine.onWrite?.();
}

function requireCollection(ctx: CommandContext, name: string): Collection {
  const coll = ctx.scope.catalog.getCollection(ctx.db, name);
  if (!coll) throw commandError(26, `ns does not exist: ${ctx.db}.${name}`);
  return coll;
}

const uuids = new WeakMap<Collection, Binary>();
function collectionUuid(coll: Collection): Binary {
  let id = uuids.get(coll);
  if (!id) uuids.set(coll, (id = new Binary(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), 4)));
  return id;
}

export const catalogCommands: Record<string, CommandHandler> = {
  create: (ctx) => {
    const name = collectionName(ctx, 'create');
    const { command } = ctx;
    if (command.capped) throw notSupported('capped collections');
    if (command.timeseries) throw notSupported('time series collections');
    if (command.viewOn) throw notSupported('views');
    if (command.clusteredIndex) throw notSupported('clustered collections');
    assertValidatorSupported(command.validator);
    const options: Document = {};
    for (const key of ['validator', 'validationLevel', 'validationAction', 'collation']) {
      if (command[key] !== undefined) options[key] = command[key];
    }
    if (ctx.scope.catalog.inTransaction) {
      if (ctx.scope.catalog.getCollection(ctx.db, name))
        throw commandError(48, `Collection ${ctx.db}.${name} already exists.`);
      ctx.scope.catalog.ensureCollection(ctx.db, name);
    } else {
      ctx.engine.storage.createCollection(ctx.db, name, options);
    }
    written(ctx);
    return { ok: 1 };
  },
  drop: (ctx) => {
    const name = collectionName(ctx, 'drop');
    const coll = ctx.engine.storage.getCollection(ctx.db, name);
    ctx.engine.storage.dropCollection(ctx.db, name);
    written(ctx);
    // MongoDB 7 answers ok for a missing collection too; the driver ignores ns-not-found anyway.
    return coll ? { nIndexesWas: coll.indexes.length + 1, ns: coll.ns, ok: 1 } : { ok: 1 };
  },
  listCollections: (ctx) => {
    const { command } = ctx;
    const filter = command.filter as Document | undefined;
    const predicate = compileFilter(filter);
    const docs: Document[] = [];
    for (const coll of ctx.engine.storage.collections(ctx.db)) {
      const entry: Document = {
        name: coll.name,
        type: 'collection',
        options: coll.options,
        info: { readOnly: false, uuid: collectionUuid(coll) },
        idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
      };
      if (!predicate(entry)) continue;
      docs.push(command.nameOnly ? { name: coll.name, type: 'collection' } : entry);
    }
    const batchSize = (command.cursor as Document | undefined)?.batchSize as number | undefined;
    return ctx.engine.cursors.open(`${ctx.db}.$cmd.listCollections`, docs, batchSize);
  },
  createIndexes: (ctx) => {
    const name = collectionName(ctx, 'createIndexes');
    const specs = ctx.command.indexes as Document[] | undefined;
    if (!Array.isArray(specs) || specs.length === 0)
      throw commandError(2, 'Must specify at least one index to create');
    const existed = ctx.engine.storage.getCollection(ctx.db, name) !== undefined;
    const coll = ctx.engine.storage.ensureCollection(ctx.db, name);
    const before = coll.indexes.length + 1;
    for (const spec of specs) coll.createIndex(spec);
    written(ctx);
    const after = coll.indexes.length + 1;
    const reply: Document = {
      numIndexesBefore: before,
      numIndexesAfter: after,
      createdCollectionAutomatically: !existed,
      ok: 1,
    };
    if (before === after) reply.note = 'all indexes already exist';
    return reply;
  },
  listIndexes: (ctx) => {
    const name = collectionName(ctx, 'listIndexes');
    const coll = requireCollection(ctx, name);
    const batchSize = (ctx.command.cursor as Document | undefined)?.batchSize as number | undefined;
    return ctx.engine.cursors.open(`${ctx.db}.$cmd.listIndexes.${name}`, coll.listIndexSpecs(), batchSize);
  },
  dropIndexes: (ctx) => {
    const name = collectionName(ctx, 'dropIndexes');
    const coll = requireCollection(ctx, name);
    const nIndexesWas = coll.indexes.length + 1;
    const target = ctx.command.index;
    const names = Array.isArray(target) ? target : [target];
    for (const t of names) {
      if (t === '*') {
        coll.indexes.splice(0, coll.indexes.length);
        continue;
      }
      if (t === '_id_') throw commandError(72, 'cannot drop _id index');
      if (typeof t === 'string') {
        coll.dropIndex(t);
        continue;
      }
      const match = coll.indexes.find((i) => JSON.stringify(i.spec.key) === JSON.stringify(t));
      if (!match) throw commandError(27, `can't find index with key: ${JSON.stringify(t)}`);
      coll.dropIndex(match.name);
    }
    written(ctx);
    return { nIndexesWas, ok: 1 };
  },
  collMod: (ctx) => {
    const name = collectionName(ctx, 'collMod');
    const coll = requireCollection(ctx, name);
    const index = ctx.command.index as Document | undefined;
    if (index) {
      const match = coll.indexes.find(
        (i) => i.name === index.name || JSON.stringify(i.spec.key) === JSON.stringify(index.keyPattern),
      );
      if (!match) throw commandError(27, `cannot find index ${JSON.stringify(index)} for ns ${coll.ns}`);
      if (index.expireAfterSeconds !== undefined)
        match.spec.expireAfterSeconds = Number(index.expireAfterSeconds);
    }
    assertValidatorSupported(ctx.command.validator);
    for (const key of ['validator', 'validationLevel', 'validationAction']) {
      if (ctx.command[key] !== undefined) coll.options[key] = ctx.command[key];
    }
    written(ctx);
    return { ok: 1 };
  },
  renameCollection: (ctx) => {
    const from = String(ctx.command.renameCollection);
    const to = String(ctx.command.to);
    const [fromDb, ...fromRest] = from.split('.');
    const [toDb, ...toRest] = to.split('.');
    const storage = ctx.engine.storage;
    const source = storage.getCollection(fromDb ?? '', fromRest.join('.'));
    if (!source) throw commandError(26, 'source namespace does not exist');
    const targetName = toRest.join('.');
    if (storage.getCollection(toDb ?? '', targetName)) {
      if (!ctx.command.dropTarget) throw commandError(48, 'target namespace exists');
      storage.dropCollection(toDb ?? '', targetName);
    }
    const target = storage.createCollection(toDb ?? '', targetName, source.options);
    for (const spec of source.indexes.map((i) => i.spec)) target.createIndex(spec);
    for (const doc of source.docs.values()) target.insert(doc);
    storage.dropCollection(fromDb ?? '', fromRest.join('.'));
    written(ctx);
    return { ok: 1 };
  },
  collStats: (ctx) => {
    const coll = requireCollection(ctx, collectionName(ctx, 'collStats'));
    return {
      ns: coll.ns,
      count: coll.docs.size,
      size: 0,
      storageSize: 0,
      nindexes: coll.indexes.length + 1,
      ok: 1,
    };
  },
  dbStats: (ctx) => {
    const colls = ctx.engine.storage.collections(ctx.db);
    const objects = colls.reduce((n, c) => n + c.docs.size, 0);
    return { db: ctx.db, collections: colls.length, objects, dataSize: 0, storageSize: 0, indexes: 0, ok: 1 };
  },
};
