import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUnsubscribeToken } from '../../../src/send/unsubscribe-token.js';
import { startHttpHarness, type HttpHarness } from './http-harness.js';

const auth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('bull-board and unsubscribe', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness('admin');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 401 without or with wrong credentials', async () => {
    const none = await h.app.inject({ method: 'GET', url: '/admin/queues' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Basic/);
    const wrong = await h.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { authorization: auth('ops', 'nope') },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('lists the four pipeline queues with credentials', async () => {
    const page = await h.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { authorization: auth('ops', 'board-secret') },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<html/i);
    const api = await h.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues?activeQueue=profile&page=1&jobsPerPage=10',
      headers: { authorization: auth('ops', 'board-secret') },
    });
    expect(api.statusCode).toBe(200);
    const names = (api.json().queues as Array<{ name: string }>).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['profile', 'recommend', 'generate', 'send']));
  });

  it('one-click unsubscribe suppresses the address; a forged or foreign token changes nothing', async () => {
    const { Customer, Suppression } = h.runtime.db.models;
    const a = await Customer.create({ externalId: 'u1', email: 'Ann@Example.com', marketingConsent: true });
    const b = await Customer.create({ externalId: 'u2', email: 'bob@example.com', marketingConsent: true });
    const secret = h.runtime.config.UNSUBSCRIBE_SECRET;
    const forged = `${a._id.toString()}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    const foreign = `${b._id.toString()}.${signUnsubscribeToken(secret, a._id.toString(), a.email).split('.')[1]}`;
    for (const token of [forged, foreign, 'garbage']) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/unsubscribe/${token}`,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(400);
    }
    expect(await Suppression.countDocuments()).toBe(0);

    const token = signUnsubscribeToken(secret, a._id.toString(), a.email);
    const confirm = await h.app.inject({ method: 'GET', url: `/unsubscribe/${token}` });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<form method="post">');
    const res = await h.app.inject({
      method: 'POST',
      url: `/unsubscribe/${token}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    expect(await Suppression.findOne({ email: 'ann@example.com' }).lean()).toMatchObject({
      reason: 'unsubscribed',
    });
    expect((await Customer.findById(a._id).lean())?.marketingConsent).toBe(false);
    expect((await Customer.findById(b._id).lean())?.marketingConsent).toBe(true);
  });
});
