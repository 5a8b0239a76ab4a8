import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductCatalog } from '../../../src/catalog/product-catalog.js';
import { connectDatabase, type Database } from '../../../src/db/connection.js';
import { loadShopperActivities, loadShopperActivity } from '../../../src/profile/activity-loader.js';
import { loadHistories, loadHistory } from '../../../src/recommend/history-loader.js';
import { seedStore } from '../../../src/seed/index.js';
import { testMongo } from '../../support/mongo.js';
import { withDatabase } from '../../support/wait.js';

/** The batched reads (profile rebuilds, training, the recommend stage) must equal the per-shopper ones. */
describe('shopper activity loading', () => {
  let mongo: { uri: string; close(): Promise<void> };
  let db: Database;

  beforeAll(async () => {
    mongo = await testMongo();
    db = await connectDatabase(withDatabase(mongo.uri, `activity_${Date.now()}`));
    await seedStore(db.models, { seed: 5, customers: 60, products: 40, days: 90 });
  });
  afterAll(async () => {
    await db?.connection.dropDatabase();
    await db?.close();
    await mongo?.close();
  });

  it('reads many shoppers in one batch exactly as it reads each alone', async () => {
    const catalog = createProductCatalog(db.models);
    const now = new Date();
    const ids = (await db.models.Customer.find({}, { _id: 1 }).lean()).map((c) => c._id.toString());
    const batch = await loadShopperActivities(db.models, catalog, ids, now);
    expect(batch.size).toBe(ids.length);
    let withEvents = 0;
    for (const id of ids) {
      const alone = await loadShopperActivity(db.models, catalog, id, now);
      const together = batch.get(id)!;
      expect(together).toEqual(alone);
      // Most recent first, and every event joined to its product's category and price.
      const times = together.events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      if (together.events.length > 0) withEvents++;
    }
    expect(withEvents).toBeGreaterThan(ids.length / 2);
    expect([...batch.values()].some((a) => a.orders.length > 0)).toBe(true);
  });

  it("reads many shoppers' product histories in one query exactly as it reads each alone", async () => {
    const ids = (await db.models.Customer.find({}, { _id: 1 }).lean()).map((c) => c._id.toString());
    for (const limit of [3, 500]) {
      const together = await loadHistories(db.models, ids, limit);
      for (const id of ids)
        expect(together.get(id), `${id} limit ${limit}`).toEqual(await loadHistory(db.models, id, limit));
    }
  });
});
