import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkMessage } from '../../support/mailgun-sink.js';
import { waitFor } from '../../support/wait.js';
import { campaignProgress } from '../../../src/evaluate/campaign-progress.js';
import { startPipelineHarness, type PipelineHarness } from './harness.js';

const CAMPAIGN = { key: 'weekly_digest-2026-W48', type: 'weekly_digest' as const };
const SLOT_PATTERN = /\{[a-z_]+\}|\[\[|\]\]|<slot|undefined|NaN/;

describe('weekly digest end to end (real Redis, worker processes, mailgun.js -> sink)', () => {
  let h: PipelineHarness;
  let expectedEmails: Set<string>;

  beforeAll(async () => {
    h = await startPipelineHarness('digest', { customers: 200 });
    const { Customer, Suppression } = h.runtime.db.models;
    // Two consenting shoppers unsubscribed earlier: they must get nothing.
    const suppressed = await Customer.find({ marketingConsent: true }).sort({ _id: 1 }).limit(2).lean();
    await Suppression.insertMany(suppressed.map((c) => ({ email: c.email, reason: 'unsubscribed' })));
    const consenting = await Customer.find({ marketingConsent: true }, { email: 1 }).lean();
    const blocked = new Set(suppressed.map((c) => c.email.toLowerCase()));
    expectedEmails = new Set(consenting.map((c) => c.email.toLowerCase()).filter((e) => !blocked.has(e)));

    await h.runJob('train-segments', {});
    await h.runJob('train-recommender', {});
    await h.producer.fanOut(CAMPAIGN, { pageSize: 64 });
    await waitFor(
      'every consenting customer to reach a final ledger state',
      async () => {
        const { rows, open } = await campaignProgress(h.runtime.db.models, CAMPAIGN.key);
        return rows === consenting.length && open === 0;
      },
      { timeoutMs: 180_000, intervalMs: 250 },
    );
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  });

  it('sends exactly one email to each consenting, non-suppressed customer', () => {
    const recipients = h.sink.messages.map((m) => m.to.toLowerCase());
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(new Set(recipients)).toEqual(expectedEmails);
    expect(expectedEmails.size).toBeGreaterThan(100);
  });

  it('records skipped shoppers with a reason instead of losing them', async () => {
    const skipped = await h.runtime.db.models.Message.find({
      campaignKey: CAMPAIGN.key,
      state: 'skipped',
    }).lean();
    expect(skipped).toHaveLength(2);
    expect(skipped.every((m) => m.skipReason === 'suppressed')).toBe(true);
  });

  it('gives every email one-click unsubscribe headers, in-stock products, the locale and no placeholder', async () => {
    const { Customer, Product } = h.runtime.db.models;
    const products = await Product.find({}, { url: 1, stock: 1 }).lean();
    const inStockUrls = products.filter((p) => (p.stock ?? 0) > 0).map((p) => p.url);
    const outOfStockUrls = products.filter((p) => (p.stock ?? 0) <= 0).map((p) => p.url);
    const customers = await Customer.find({}, { email: 1, locale: 1 }).lean();
    const localeOf = new Map(customers.map((c) => [c.email.toLowerCase(), c.locale]));
    for (const m of h.sink.messages as SinkMessage[]) {
      expect(m.headers['List-Unsubscribe']).toMatch(
        /^<http:\/\/127\.0\.0\.1:3000\/unsubscribe\/[a-f0-9]{24}\.[\w-]+\?m=[a-f0-9]{24}>/,
      );
      expect(m.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(inStockUrls.some((u) => m.html.includes(u))).toBe(true);
      expect(outOfStockUrls.some((u) => m.html.includes(`href="${u}"`))).toBe(false);
      const locale = localeOf.get(m.to.toLowerCase());
      expect(m.html).toContain(`lang="${locale}"`);
      if (locale === 'zh-CN') expect(m.subject).toMatch(/[\u4e00-\u9fff]/);
      else expect(m.subject).not.toMatch(/[\u4e00-\u9fff]/);
      expect(m.subject + m.text).not.toMatch(SLOT_PATTERN);
      expect(m.tags).toContain('weekly_digest');
      expect(m.variables['message_id']).toMatch(/^[a-f0-9]{24}$/);
      // The link names the email it came from, so an unsubscribe is counted against its campaign.
      expect(m.headers['List-Unsubscribe']).toContain(`?m=${m.variables['message_id']}>`);
      expect(m.html).toContain(`?m=${m.variables['message_id']}`);
    }
  });

  it('sends nothing new when the same digest runs again', async () => {
    const before = h.sink.messages.length;
    const ids = (await h.runtime.db.models.Customer.find({ marketingConsent: true }, { _id: 1 }).lean()).map(
      (c) => c._id.toString(),
    );
    await h.producer.forCustomers(ids, CAMPAIGN);
    await h.producer.fanOut(CAMPAIGN, { pageSize: 64 });
    await waitFor('the re-run to drain', async () => {
      const counts = await Promise.all(
        (['profile', 'recommend', 'generate', 'send', 'maintenance'] as const).map((q) =>
          h.runtime.queues[q].getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
        ),
      );
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    });
    expect(h.sink.messages.length).toBe(before);
  });
});
