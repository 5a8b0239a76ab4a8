import type { FastifyInstance } from 'fastify';
import type { Models } from '../../db/models/index.js';
import type { Logger } from '../../logger.js';
import { customerIdOfToken, verifyUnsubscribeToken } from '../../send/unsubscribe-token.js';

export interface UnsubscribeDeps {
  models: Models;
  secret: string;
  storeName: string;
  logger: Logger;
}

/**
 * RFC 8058 one-click unsubscribe: mailbox providers POST `List-Unsubscribe=One-Click` to the URL in
 * the header; people clicking the footer link GET a confirmation page whose button POSTs the same.
 * Suppression is recorded at once and checked again at send time, so queued emails stop too.
 */
export async function unsubscribeRoutes(app: FastifyInstance, deps: UnsubscribeDeps): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  async function resolve(token: string) {
    const customerId = customerIdOfToken(token);
    if (!customerId) return undefined;
    const customer = await deps.models.Customer.findById(customerId, { email: 1 }).lean();
    if (!customer || !verifyUnsubscribeToken(deps.secret, token, customer.email)) return undefined;
    return customer;
  }

  app.get<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
    const customer = await resolve(request.params.token);
    reply.type('text/html; charset=utf-8');
    if (!customer) return reply.code(400).send(page('This unsubscribe link is not valid.', ''));
    const form = `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`;
    return page(`Stop marketing emails from ${escape(deps.storeName)}?`, form);
  });

  app.post<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
    const customer = await resolve(request.params.token);
    if (!customer) return reply.code(400).send({ error: 'invalid unsubscribe token' });
    const email = customer.email.toLowerCase();
    await deps.models.Suppression.updateOne(
      { email },
      { $setOnInsert: { email, reason: 'unsubscribed', customerId: customer._id, at: new Date() } },
      { upsert: true },
    );
    await deps.models.Customer.updateOne({ _id: customer._id }, { $set: { marketingConsent: false } });
    await deps.models.Event.create({ customerId: customer._id, type: 'email_unsubscribed', at: new Date() });
    deps.logger.info({ customerId: customer._id.toString() }, 'unsubscribed');
    if (String(request.headers['accept'] ?? '').includes('text/html')) {
      reply.type('text/html; charset=utf-8');
      return page('You are unsubscribed.', '<p>You will not receive marketing emails from us any more.</p>');
    }
    return { ok: true, unsubscribed: true };
  });
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto"><h1>${title}</h1>${body}</body></html>`;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
