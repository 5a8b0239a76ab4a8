import type { FastifyInstance } from 'fastify';
import type { Types } from 'mongoose';
import type { Models } from '../../db/models/index.js';
import type { Logger } from '../../logger.js';
import { customerIdOfToken, verifyUnsubscribeToken } from '../../send/unsubscribe-token.js';

export interface UnsubscribeDeps {
  models: Models;
  secret: string;
  storeName: string;
  logger: Logger;
}

/** `m`, when the link carries it, is the id of the email whose link was followed. */
type Route = { Params: { token: string }; Querystring: { m?: unknown } };

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

  /**
   * The message a link came from (`?m=<message id>`), so the report can count the unsubscribe
   * against its campaign. `m` is not signed: it counts only when it is one of this customer's
   * messages, so a link cannot mark someone else's email. A bad or foreign `m` never blocks the
   * unsubscribe itself (the signed token decides that); it is only left unattributed.
   */
  async function messageOf(customerId: Types.ObjectId, m: unknown): Promise<Types.ObjectId | undefined> {
    if (m === undefined) return undefined;
    if (typeof m !== 'string' || !/^[a-f0-9]{24}$/.test(m)) {
      deps.logger.warn({ customerId: customerId.toString() }, 'unsubscribe link has a malformed message id');
      return undefined;
    }
    const message = await deps.models.Message.findOne({ _id: m, customerId }, { _id: 1 }).lean();
    if (!message)
      deps.logger.warn({ customerId: customerId.toString() }, 'unsubscribe link names a foreign message');
    return message?._id;
  }

  app.get<Route>('/unsubscribe/:token', async (request, reply) => {
    const customer = await resolve(request.params.token);
    reply.type('text/html; charset=utf-8');
    if (!customer) return reply.code(400).send(page('This unsubscribe link is not valid.', ''));
    // The form has no action, so it posts back to this URL, ?m= included.
    const form = `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`;
    return page(`Stop marketing emails from ${escape(deps.storeName)}?`, form);
  });

  app.post<Route>('/unsubscribe/:token', async (request, reply) => {
    const customer = await resolve(request.params.token);
    if (!customer) return reply.code(400).send({ error: 'invalid unsubscribe token' });
    const messageId = await messageOf(customer._id, request.query.m);
    const at = new Date();
    const email = customer.email.toLowerCase();
    await deps.models.Suppression.updateOne(
      { email },
      { $setOnInsert: { email, reason: 'unsubscribed', customerId: customer._id, at } },
      { upsert: true },
    );
    await deps.models.Customer.updateOne({ _id: customer._id }, { $set: { marketingConsent: false } });
    if (messageId) {
      // Set once, as the provider's unsubscribe webhook does: a second click or the provider's
      // own event for the same email does not count twice.
      await deps.models.Message.updateOne(
        { _id: messageId, unsubscribedAt: null },
        { $set: { unsubscribedAt: at } },
      );
    }
    await deps.models.Event.create({
      customerId: customer._id,
      type: 'email_unsubscribed',
      at,
      ...(messageId ? { messageId } : {}),
    });
    deps.logger.info(
      { customerId: customer._id.toString(), messageId: messageId?.toString() },
      'unsubscribed',
    );
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
