import type { Document } from 'bson';
import { isPlainObject, sameDocument, type CollationLike, type Doc } from './bson-values.js';
import type { Collection } from './collection.js';
import type { CommandContext, CommandHandler } from './engine.js';
import { badValue, commandError, toCommandError } from './errors.js';
import { collationOf, findDocs, projectDocs } from './query-engine.js';
import { applyUpdate, isOperatorUpdate, upsertSeed, withId } from './update.js';
import { checkUpdateSpec } from './update-checks.js';
import { checkValidator } from './validation.js';
import { tooLargeError, updateTooLargeError } from './bson-limits.js';

function nameOf(ctx: CommandContext, field: string): string {
  const name = ctx.command[field];
  if (typeof name !== 'string' || name === '')
    throw commandError(73, `Invalid namespace specified '${ctx.db}.${String(name)}'`);
  return name;
}

function validateForInsert(doc: Doc): void {
  if (Array.isArray(doc._id)) throw badValue(`can't use an array for _id`);
  if (doc._id instanceof RegExp) throw badValue(`can't use a regex for _id`);
  for (const key of Object.keys(doc)) {
    if (key.startsWith('$')) throw commandError(2, `Document can't have $ prefixed field names: ${key}`);
  }
}

/** Runs each statement of a write batch, collecting errors the way mongod reports them. */
function runBatch<T>(ordered: boolean, items: T[], run: (item: T, index: number) => void): Document[] {
  const writeErrors: Document[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i] as T, i);
    } catch (error) {
      writeErrors.push(toCommandError(error).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function finish(ctx: CommandContext, reply: Document, writeErrors: Document[]): Document {
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  ctx.engine.tick();
  ctx.engine.onWrite?.();
  return reply;
}

interface UpdateStatement {
  q: Document;
  u: Document | Document[];
  multi?: boolean;
  upsert?: boolean;
  arrayFilters?: Document[];
  collation?: CollationLike;
  sort?: Document;
  /** The command's `let` variables (not a field of the statement on the wire). */
  variables?: Document;
}

interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  before?: Doc;
  after?: Doc;
}

/** One update statement: shared by `update` and `findAndModify`. */
function updateDocs(
  coll: () => Collection,
  existing: Collection | undefined,
  st: UpdateStatement,
  bypassValidation: boolean,
): UpdateOutcome {
  const collation = st.collation && st.collation.locale !== 'simple' ? st.collation : undefined;
  if (!isPlainObject(st.u) && !Array.isArray(st.u))
    throw commandError(9, 'Update argument must be either an object or an array');
  if (st.multi && !Array.isArray(st.u) && !isOperatorUpdate(st.u) && Object.keys(st.u).length > 0) {
    throw commandError(9, 'multi update is not supported for replacement-style update');
  }
  checkUpdateSpec(st.u, st.arrayFilters);
  const targets = findDocs(existing, {
    filter: st.q,
    collation,
    sort: st.sort,
    limit: st.multi ? undefined : 1,
    variables: st.variables,
  });
  const ctx = {
    filter: st.q,
    arrayFilters: st.arrayFilters,
    collation,
    variables: st.variables,
    inserting: false,
  };
  if (targets.length > 0) {
    let modified = 0;
    let last: { before: Doc; after: Doc } | undefined;
    for (const doc of targets) {
      const updated = applyUpdate(doc, st.u, ctx);
      last = { before: doc, after: updated };
      if (sameDocument(updated, doc)) continue;
      if (!bypassValidation) checkValidator(existing, updated, doc);
      (existing as Collection).replace(doc, updated);
      modified++;
    }
    return { matched: targets.length, modified, before: last?.before, after: last?.after };
  }
  if (!st.upsert) return { matched: 0, modified: 0 };
  const seed = upsertSeed(st.q);
  const base =
    Array.isArray(st.u) || isOperatorUpdate(st.u) ? seed : seed._id === undefined ? {} : { _id: seed._id };
  const built = withId(applyUpdate(base, st.u, { ...ctx, inserting: true }));
  validateForInsert(built);
  const target = coll();
  if (!bypassValidation) checkValidator(target, built);
  target.insert(built);
  return { matched: 0, modified: 0, upsertedId: built._id, after: built };
}

export const writeCommands: Record<string, CommandHandler> = {
  insert: (ctx) => {
    const name = nameOf(ctx, 'insert');
    const docs = ctx.command.documents as Doc[] | undefined;
    if (!Array.isArray(docs) || docs.length === 0)
      throw commandError(2, 'Write batch must contain at least one document');
    const coll = ctx.scope.catalog.ensureCollection(ctx.db, name);
    const bypass = ctx.command.bypassDocumentValidation === true;
    let n = 0;
    const writeErrors = runBatch(ctx.command.ordered !== false, docs, (raw) => {
      const tooLarge = tooLargeError(raw);
      if (tooLarge) throw tooLarge;
      const doc = withId(raw);
      validateForInsert(doc);
      if (!bypass) checkValidator(coll, doc);
      coll.insert(doc);
      n++;
    });
    return finish(ctx, { n, ok: 1 }, writeErrors);
  },
  update: (ctx) => {
    const name = nameOf(ctx, 'update');
    const statements = ctx.command.updates as UpdateStatement[] | undefined;
    if (!Array.isArray(statements) || statements.length === 0)
      throw commandError(2, 'Write batch must contain at least one update');
    const catalog = ctx.scope.catalog;
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors = runBatch(ctx.command.ordered !== false, statements, (st, index) => {
      const tooLarge = updateTooLargeError(st);
      if (tooLarge) throw tooLarge;
      const outcome = updateDocs(
        () => catalog.ensureCollection(ctx.db, name),
        catalog.getCollection(ctx.db, name),
        { ...st, variables: ctx.command.let as Document | undefined },
        ctx.command.bypassDocumentValidation === true,
      );
      n += outcome.matched;
      nModified += outcome.modified;
      if (outcome.upsertedId !== undefined) {
        n += 1;
        upserted.push({ index, _id: outcome.upsertedId });
      }
    });
    const reply: Document = { n, nModified, ok: 1 };
    if (upserted.length > 0) reply.upserted = upserted;
    return finish(ctx, reply, writeErrors);
  },
  delete: (ctx) => {
    const name = nameOf(ctx, 'delete');
    const statements = ctx.command.deletes as
      Array<{ q: Document; limit: number; collation?: CollationLike }> | undefined;
    if (!Array.isArray(statements) || statements.length === 0)
      throw commandError(2, 'Write batch must contain at least one delete');
    const coll = ctx.scope.catalog.getCollection(ctx.db, name);
    let n = 0;
    const writeErrors = runBatch(ctx.command.ordered !== false, statements, (st) => {
      const limit = Number(st.limit ?? 0);
      if (limit !== 0 && limit !== 1)
        throw badValue(`The limit field in delete objects must be 0 or 1. Got ${limit}`);
      const collation = st.collation && st.collation.locale !== 'simple' ? st.collation : undefined;
      const targets = findDocs(coll, {
        filter: st.q,
        collation,
        limit: limit === 1 ? 1 : undefined,
        variables: ctx.command.let as Document | undefined,
      });
      for (const doc of targets) coll?.remove(doc);
      n += targets.length;
    });
    return finish(ctx, { n, ok: 1 }, writeErrors);
  },
  findAndModify: (ctx) => {
    const name = nameOf(ctx, 'findAndModify');
    const { command } = ctx;
    const catalog = ctx.scope.catalog;
    const query = (command.query as Document | undefined) ?? {};
    const fields = command.fields as Document | undefined;
    const project = (doc: Doc | undefined): Doc | null =>
      doc ? (projectDocs([doc], fields, query)[0] ?? null) : null;
    if (command.remove) {
      if (command.update !== undefined)
        throw commandError(9, 'Cannot specify both an update and remove=true');
      if (command.upsert) throw commandError(9, 'Cannot specify both upsert=true and remove=true');
      if (command.new)
        throw commandError(
          9,
          "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
        );
      const coll = catalog.getCollection(ctx.db, name);
      const [doc] = findDocs(coll, {
        filter: query,
        sort: command.sort as Document | undefined,
        limit: 1,
        collation: collationOf(command),
        variables: command.let as Document | undefined,
      });
      if (doc) coll?.remove(doc);
      return finish(ctx, { lastErrorObject: { n: doc ? 1 : 0 }, value: project(doc), ok: 1 }, []);
    }
    if (command.update === undefined)
      throw commandError(9, 'Either an update or remove=true must be specified');
    const outcome = updateDocs(
      () => catalog.ensureCollection(ctx.db, name),
      catalog.getCollection(ctx.db, name),
      {
        q: query,
        u: command.update as Document,
        upsert: command.upsert === true,
        arrayFilters: command.arrayFilters as Document[] | undefined,
        collation: collationOf(command),
        sort: command.sort as Document | undefined,
        variables: command.let as Document | undefined,
      },
      command.bypassDocumentValidation === true,
    );
    const lastErrorObject: Document = {
      n: outcome.matched > 0 || outcome.upsertedId !== undefined ? 1 : 0,
      updatedExisting: outcome.matched > 0,
    };
    if (outcome.upsertedId !== undefined) lastErrorObject.upserted = outcome.upsertedId;
    const value = command.new
      ? project(outcome.after)
      : outcome.upsertedId !== undefined
        ? null
        : project(outcome.before);
    return finish(ctx, { lastErrorObject, value, ok: 1 }, []);
  },
};
