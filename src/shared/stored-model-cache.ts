import type { Models } from '../db/models/index.js';

export type StoredModelKind = 'segments' | 'recommender';

export interface StoredModelCache<T> {
  /** The newest stored version, re-checked at most every `ttlMs`; undefined before the first training. */
  get(): Promise<{ version: number; value: T } | undefined>;
  invalidate(): void;
}

/**
 * Workers serve from the newest trained model without restarting: they poll the version cheaply
 * and only load and decode the model when the version changes.
 */
export function createStoredModelCache<T>(
  models: Models,
  kind: StoredModelKind,
  decode: (data: unknown) => T,
  ttlMs = 30_000,
): StoredModelCache<T> {
  let current: { version: number; value: T } | undefined;
  let checkedAt = 0;
  let pending: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    const head = await models.StoredModel.findOne({ kind }, { version: 1 }).sort({ version: -1 }).lean();
    if (head && head.version !== current?.version) {
      const doc = await models.StoredModel.findOne({ kind, version: head.version }).lean();
      if (doc) current = { version: doc.version, value: decode(doc.data) };
    }
    checkedAt = Date.now();
  }

  return {
    async get() {
      if (Date.now() - checkedAt >= ttlMs) {
        pending ??= refresh().finally(() => {
          pending = undefined;
        });
        await pending;
      }
      return current;
    },
    invalidate() {
      checkedAt = 0;
    },
  };
}

/** Stores a new version of a model; versions only grow, so concurrent trainers cannot overwrite each other. */
export async function storeModel(
  models: Models,
  kind: StoredModelKind,
  data: unknown,
  stats: object,
): Promise<number> {
  for (let tries = 0; tries < 5; tries++) {
    const head = await models.StoredModel.findOne({ kind }, { version: 1 }).sort({ version: -1 }).lean();
    const version = (head?.version ?? 0) + 1;
    try {
      await models.StoredModel.create({ kind, version, data, stats });
      // Keep the last three versions for rollback and comparison.
      await models.StoredModel.deleteMany({ kind, version: { $lte: version - 3 } });
      return version;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
  throw new Error(`could not store a new ${kind} model version`);
}
