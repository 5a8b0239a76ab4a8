import { BSON, type Document } from 'bson';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { deserializeDoc } from './bson-codec.js';
import type { Collection } from './collection.js';
import type { Storage } from './storage.js';

const SUFFIX = '.bson';

/** File names must survive any collection name; encodeURIComponent keeps them readable. */
const fileName = (name: string): string => `${encodeURIComponent(name)}${SUFFIX}`;

/**
 * Snapshots of the store in a directory: one folder per database, one file per collection made
 * of a header document (options, indexes) followed by the documents in natural order. Files are
 * written to a temporary name and renamed, so a crash leaves the previous snapshot intact.
 */
export class Persistence {
  private readonly saved = new Map<Collection, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly dir: string,
    private readonly debounceMs = 200,
  ) {}

  load(): void {
    if (!existsSync(this.dir)) return;
    for (const db of readdirSync(this.dir, { withFileTypes: true })) {
      if (!db.isDirectory()) continue;
      const dbName = decodeURIComponent(db.name);
      for (const file of readdirSync(join(this.dir, db.name))) {
        if (!file.endsWith(SUFFIX)) continue;
        const name = decodeURIComponent(file.slice(0, -SUFFIX.length));
        this.loadCollection(dbName, name, readFileSync(join(this.dir, db.name, file)));
      }
    }
  }

  private loadCollection(db: string, name: string, bytes: Buffer): void {
    const docs: Document[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const size = bytes.readInt32LE(offset);
      docs.push(deserializeDoc(bytes.subarray(offset, offset + size)));
      offset += size;
    }
    const header = docs.shift() ?? {};
    const coll = this.storage.createCollection(db, name, (header.options as Document | undefined) ?? {});
    for (const spec of (header.indexes as Document[] | undefined) ?? []) coll.createIndex(spec);
    for (const doc of docs) coll.insert(doc);
    this.saved.set(coll, coll.version);
  }

  /** Schedules a flush shortly after a burst of writes. */
  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveNow();
    }, this.debounceMs);
    this.timer.unref();
  }

  saveNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    mkdirSync(this.dir, { recursive: true });
    const live = new Set<string>();
    for (const coll of this.storage.allCollections()) {
      const folder = join(this.dir, encodeURIComponent(coll.db));
      const file = join(folder, fileName(coll.name));
      live.add(file);
      if (this.saved.get(coll) === coll.version && existsSync(file)) continue;
      mkdirSync(folder, { recursive: true });
      const parts: Uint8Array[] = [
        BSON.serialize({ options: coll.options, indexes: coll.indexes.map((i) => i.spec) }),
      ];
      for (const doc of coll.docs.values()) parts.push(BSON.serialize(doc));
      writeFileSync(`${file}.tmp`, Buffer.concat(parts));
      renameSync(`${file}.tmp`, file);
      this.saved.set(coll, coll.version);
    }
    this.removeDropped(live);
  }

  private removeDropped(live: Set<string>): void {
    for (const db of readdirSync(this.dir, { withFileTypes: true })) {
      if (!db.isDirectory()) continue;
      const folder = join(this.dir, db.name);
      for (const file of readdirSync(folder)) {
        const path = join(folder, file);
        if (file.endsWith(SUFFIX) && !live.has(path)) rmSync(path, { force: true });
      }
      if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true, force: true });
    }
  }
}
