import type { Document } from 'bson';
import { canonicalKey, type Doc } from './bson-values.js';
import { commandError } from './errors.js';
import { IdOrder } from './id-order.js';
import { Index, normaliseSpec, type IndexKey, type IndexSpec } from './indexes.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * One collection: documents in insertion order keyed by the canonical form of their `_id` (this
 * map is the `_id` index), plus secondary indexes. Stored documents are never mutated in place:
 * updates replace them, so cursors and transaction snapshots can share them safely.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes: Index[] = [];
  /**
   * Insertion sequence per id: index hits are put back in natural order by sorting on it
   * instead of walking the whole collection. Replacing a document keeps its number.
   */
  readonly seq = new Map<string, number>();
  private nextSeq = 0;
  readonly idOrder = new IdOrder(this.docs);
  /** Ids written since the last snapshot; undefined when nobody is tracking changes. */
  changes: Map<string, Doc | null> | undefined;
  /** Bumped on every write so persistence knows what to flush. */
  version = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  idIndexDuplicate(id: unknown): Error {
    return commandError(
      11000,
      `E11000 duplicate key error collection: ${this.ns} index: _id_ dup key: { _id: ${formatId(id)} }`,
      { keyPattern: { _id: 1 }, keyValue: { _id: id } },
    );
  }

  get(id: unknown): Doc | undefined {
    return this.docs.get(canonicalKey(id));
  }

  insert(doc: Doc): void {
    const id = canonicalKey(doc._id);
    if (this.docs.has(id)) throw this.idIndexDuplicate(doc._id);
    const { indexes } = this;
    const keys: IndexKey[][] = [];
    for (let i = 0; i < indexes.length; i++) keys.push((indexes[i] as Index).keysOf(doc));
    for (let i = 0; i < indexes.length; i++) (indexes[i] as Index).check(doc, id, keys[i]);
    for (let i = 0; i < indexes.length; i++) (indexes[i] as Index).add(doc, id, keys[i]);
    this.docs.set(id, doc);
    this.seq.set(id, this.nextSeq++);
    this.idOrder.inserted(id, doc._id);
    this.touch(id, doc);
  }

  /** Replaces the stored document with the same `_id`; unique indexes are checked first. */
  replace(oldDoc: Doc, newDoc: Doc): void {
    const id = canonicalKey(oldDoc._id);
    const { indexes } = this;
    // Most updates leave the indexed fields alone: an index whose keys did not change is
    // neither checked (the keys are this document's own) nor rewritten.
    const changed: Array<[Index, IndexKey[], IndexKey[]]> = [];
    for (let i = 0; i < indexes.length; i++) {
      const index = indexes[i] as Index;
      const before = index.keysOf(oldDoc);
      const after = index.keysOf(newDoc);
      if (!sameKeys(before, after)) changed.push([index, before, after]);
    }
    for (const [index, , after] of changed) index.check(newDoc, id, after);
    for (const [index, before, after] of changed) {
      index.removeKeys(id, before);
      index.add(newDoc, id, after);
    }
    this.docs.set(id, newDoc);
    this.touch(id, newDoc);
  }

  remove(doc: Doc): void {
    const id = canonicalKey(doc._id);
    if (!this.docs.delete(id)) return;
    this.seq.delete(id);
    this.idOrder.removed();
    for (const index of this.indexes) index.remove(doc, id);
    this.touch(id, null);
  }

  private touch(id: string, doc: Doc | null): void {
    this.version++;
    this.changes?.set(id, doc);
  }

  listIndexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...this.indexes.map((i) => i.spec)];
  }

  findIndexByName(name: string): Index | undefined {
    return this.indexes.find((i) => i.name === name);
  }

  /**
   * Adds an index built over the existing documents. Returns false when an identical index
   * already exists; throws 85/86 when a different one has the same name or key.
   */
  createIndex(raw: Document): boolean {
    const spec = normaliseSpec(raw);
    if (spec.name === '_id_' || sameKey(spec.key, ID_INDEX.key)) {
      if (spec.unique === false || spec.sparse)
        throw commandError(67, "The field 'unique' is not valid for an _id index specification");
      return false;
    }
    for (const existing of this.indexes) {
      const sameName = existing.name === spec.name;
      const sameKeys = sameKey(existing.spec.key, spec.key);
      const sameOpts = sameOptions(existing.spec, spec);
      if (sameName && sameKeys && sameOpts) return false;
      if (sameName && !sameKeys) {
        throw commandError(
          86,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${describe(spec)}, existing index: ${describe(existing.spec)}`,
        );
      }
      if (sameName) {
        throw commandError(85, `Index with name: ${spec.name} already exists with different options`);
      }
      if (sameKeys && sameOpts) {
        throw commandError(85, `Index already exists with a different name: ${existing.name}`);
      }
    }
    const index = new Index(spec, this.ns);
    for (const [id, doc] of this.docs) {
      index.check(doc, id);
      index.add(doc, id);
    }
    this.indexes.push(index);
    this.version++;
    return true;
  }

  dropIndex(name: string): void {
    const at = this.indexes.findIndex((i) => i.name === name);
    if (at < 0) throw commandError(27, `index not found with name [${name}]`);
    this.indexes.splice(at, 1);
    this.version++;
  }

  /** Copy for a transaction: same documents, copied maps. */
  clone(): Collection {
    const copy = new Collection(this.db, this.name, this.options);
    for (const [id, doc] of this.docs) copy.docs.set(id, doc);
    for (const [id, n] of this.seq) copy.seq.set(id, n);
    copy.nextSeq = this.nextSeq;
    for (const index of this.indexes) copy.indexes.push(index.clone());
    return copy;
  }
}

function sameKeys(a: IndexKey[], b: IndexKey[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if ((a[i] as IndexKey).key !== (b[i] as IndexKey).key) return false;
  return true;
}

function formatId(id: unknown): string {
  if (typeof id === 'string') return JSON.stringify(id);
  if (id && typeof id === 'object' && (id as { _bsontype?: string })._bsontype === 'ObjectId') {
    return `ObjectId('${String(id)}')`;
  }
  return String(id);
}

function describe(spec: IndexSpec): string {
  return JSON.stringify(spec);
}

function sameKey(a: Document, b: Document): boolean {
  const ka = Object.entries(a);
  const kb = Object.entries(b);
  return (
    ka.length === kb.length && ka.every(([k, v], i) => kb[i]?.[0] === k && Number(kb[i]?.[1]) === Number(v))
  );
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    Boolean(a.unique) === Boolean(b.unique) &&
    Boolean(a.sparse) === Boolean(b.sparse) &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    canonicalKey(a.partialFilterExpression ?? null) === canonicalKey(b.partialFilterExpression ?? null) &&
    canonicalKey(a.collation ?? null) === canonicalKey(b.collation ?? null)
  );
}
