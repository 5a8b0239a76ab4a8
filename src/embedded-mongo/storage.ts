import type { Document } from 'bson';
import { Collection } from './collection.js';
import { commandError } from './errors.js';

/** What commands read and write through: the live store, or a transaction's private view of it. */
export interface Catalog {
  getCollection(db: string, name: string): Collection | undefined;
  /** Returns the collection, creating it implicitly as a first insert or upsert does. */
  ensureCollection(db: string, name: string): Collection;
  readonly inTransaction: boolean;
}

function checkName(db: string, name: string): void {
  if (!name || name.includes('$') || name.startsWith('.') || name.includes('\0')) {
    throw commandError(73, `Invalid collection name: ${db}.${name}`);
  }
}

/** All databases and collections of the server. */
export class Storage implements Catalog {
  readonly databases = new Map<string, Map<string, Collection>>();
  readonly inTransaction = false;
  /** Bumped when collections are created or dropped, so persistence rewrites its manifest. */
  catalogVersion = 0;

  getCollection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  ensureCollection(db: string, name: string): Collection {
    return this.getCollection(db, name) ?? this.createCollection(db, name);
  }

  createCollection(db: string, name: string, options: Document = {}): Collection {
    checkName(db, name);
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    if (collections.has(name)) throw commandError(48, `Collection ${db}.${name} already exists.`);
    const coll = new Collection(db, name, options);
    collections.set(name, coll);
    this.catalogVersion++;
    return coll;
  }

  dropCollection(db: string, name: string): boolean {
    const collections = this.databases.get(db);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.databases.delete(db);
    this.catalogVersion++;
    return true;
  }

  dropDatabase(db: string): boolean {
    const existed = this.databases.delete(db);
    if (existed) this.catalogVersion++;
    return existed;
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  allCollections(): Collection[] {
    return [...this.databases.values()].flatMap((m) => [...m.values()]);
  }
}

/**
 * A transaction's snapshot: each collection is copied on first touch (documents are shared,
 * never mutated), writes land in the copy and are recorded, and commit replays the recorded
 * writes onto the live store. Abort just drops the copies.
 */
export class TransactionView implements Catalog {
  readonly inTransaction = true;
  private readonly shadows = new Map<string, Collection>();

  constructor(private readonly live: Storage) {}

  getCollection(db: string, name: string): Collection | undefined {
    const ns = `${db}.${name}`;
    const shadow = this.shadows.get(ns);
    if (shadow) return shadow;
    const source = this.live.getCollection(db, name);
    if (!source) return undefined;
    const copy = source.clone();
    copy.changes = new Map();
    this.shadows.set(ns, copy);
    return copy;
  }

  ensureCollection(db: string, name: string): Collection {
    const existing = this.getCollection(db, name);
    if (existing) return existing;
    checkName(db, name);
    const created = new Collection(db, name);
    created.changes = new Map();
    this.shadows.set(`${db}.${name}`, created);
    return created;
  }

  /** Replays the transaction's writes on the live store. */
  commit(): void {
    for (const shadow of this.shadows.values()) {
      if (!shadow.changes || shadow.changes.size === 0) continue;
      const target = this.live.ensureCollection(shadow.db, shadow.name);
      for (const index of shadow.indexes) {
        if (!target.findIndexByName(index.name)) target.createIndex(index.spec);
      }
      for (const [id, doc] of shadow.changes) {
        const current = target.docs.get(id);
        if (doc === null) {
          if (current) target.remove(current);
        } else if (current) {
          target.replace(current, doc);
        } else {
          target.insert(doc);
        }
      }
    }
    this.shadows.clear();
  }
}
