import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCampaignReport } from '../../../src/evaluate/campaign-report.js';
import { signUnsubscribeToken } from '../../../src/send/unsubscribe-token.js';
import { startHttpHarness, type HttpHarness } from './http-harness.js';

const FORM = {
  payload: 'List-Unsubscribe=One-Click',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
};

describe('unsubscribe through our link, attributed to the email it came from', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness('unsubmsg');
  });
  afterAll(async () => {
    await h?.close();
  });

  it("unsubscribes whatever ?m= says, and marks the message once only when it is the customer's own", async () => {
    const { Customer, Message, Suppression, Event } = h.runtime.db.models;
    const ann = await Customer.create({ externalId: 'm1', email: 'ann@example.com', marketingConsent: true });
    const bob = await Customer.create({ externalId: 'm2', email: 'bob@example.com', marketingConsent: true });
    const sent = (customerId: Types.ObjectId, variant: string) => ({
      customerId,
      campaignKey: 'spring-sale',
      campaignType: 'promo',
      state: 'sent' as const,
      segmentName: 'new shoppers',
      variant,
      sentAt: new Date(),
      deliveredAt: new Date(),
    });
    const annMail = await Message.create(sent(ann._id, 'benefit'));
    const bobMail = await Message.create(sent(bob._id, 'benefit'));
    const token = signUnsubscribeToken(h.runtime.config.UNSUBSCRIBE_SECRET, ann._id.toString(), ann.email);
    const url = (query: string) => `/unsubscribe/${token}${query}`;

    // A bad or foreign ?m= never blocks the unsubscribe; it only leaves it unattributed.
    const unattributed = [
      '?m=not-an-id',
      `?m=${annMail._id.toString().toUpperCase()}`,
      `?m=${annMail._id.toString()}&m=${annMail._id.toString()}`,
      `?m=${new Types.ObjectId().toString()}`,
      // Bob's email cannot be marked through Ann's link.
      `?m=${bobMail._id.toString()}`,
    ];
    for (const query of unattributed) {
      const get = await h.app.inject({ method: 'GET', url: url(query) });
      expect(get.statusCode, query).toBe(200);
      expect(get.body).toContain('<form method="post">');
      const post = await h.app.inject({ method: 'POST', url: url(query), ...FORM });
      expect(post.statusCode, query).toBe(200);
      expect(post.json(), query).toEqual({ ok: true, unsubscribed: true });
    }
    expect(await Suppression.countDocuments({ email: 'ann@example.com' })).toBe(1);
    expect((await Customer.findById(ann._id).lean())?.marketingConsent).toBe(false);
    expect(await Event.countDocuments({ type: 'email_unsubscribed', messageId: { $exists: true } })).toBe(0);
    expect(await Message.countDocuments({ unsubscribedAt: { $ne: null } })).toBe(0);

    const query = `?m=${annMail._id.toString()}`;
    const confirm = await h.app.inject({ method: 'GET', url: url(query) });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<form method="post">');
    const res = await h.app.inject({ method: 'POST', url: url(query), ...FORM });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, unsubscribed: true });
    const first = (await Message.findById(annMail._id).lean())?.unsubscribedAt;
    expect(first).toBeInstanceOf(Date);
    expect((await Message.findById(bobMail._id).lean())?.unsubscribedAt ?? undefined).toBeUndefined();
    expect(
      await Event.findOne({ type: 'email_unsubscribed', messageId: { $exists: true } }).lean(),
    ).toMatchObject({
      customerId: ann._id,
      messageId: annMail._id,
    });

    // A second press keeps the first time: the message counts once.
    await new Promise((r) => setTimeout(r, 5));
    expect((await h.app.inject({ method: 'POST', url: url(query), ...FORM })).statusCode).toBe(200);
    expect((await Message.findById(annMail._id).lean())?.unsubscribedAt).toEqual(first);

    const rows = await buildCampaignReport(h.runtime.db.models, { campaign: 'spring-sale' });
    expect(rows).toEqual([
      expect.objectContaining({ segment: 'new shoppers', variant: 'benefit', sent: 2, unsubscribes: 1 }),
    ]);
  });
});
