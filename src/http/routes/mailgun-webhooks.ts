import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Models } from '../../db/models/index.js';
import { applyMailgunEvent, MailgunWebhookSchema, type EventDeps } from '../../evaluate/mailgun-events.js';
import { verifyMailgunSignature } from '../../evaluate/mailgun-signature.js';
import type { Logger } from '../../logger.js';

export interface MailgunWebhookDeps extends EventDeps {
  models: Models;
  /** MAILGUN_WEBHOOK_SIGNING_KEY; without it every webhook is refused. */
  signingKey: string | undefined;
  maxAgeS: number;
  logger: Logger;
  now?: () => number;
}

const SignatureOnly = z.object({ signature: MailgunWebhookSchema.shape.signature });

/**
 * POST /webhooks/mailgun: signature (constant time), timestamp age and token reuse are checked
 * before anything is read or written; a rejected request gets 401 and changes nothing. Verified
 * events update the ledger, suppressions, bandits and attribution, idempotently per event id.
 */
export async function mailgunWebhookRoutes(app: FastifyInstance, deps: MailgunWebhookDeps): Promise<void> {
  app.post('/webhooks/mailgun', async (request, reply) => {
    const sig = SignatureOnly.safeParse(request.body);
    if (!sig.success || !deps.signingKey)
      return reply.code(401).send({ error: 'missing or invalid signature' });
    const { timestamp, token, signature } = sig.data.signature;
    const verdict = verifyMailgunSignature(
      deps.signingKey,
      { timestamp, token, signature },
      deps.now?.() ?? Date.now(),
      deps.maxAgeS,
    );
    if (!verdict.ok) {
      deps.logger.warn({ reason: verdict.reason }, 'mailgun webhook rejected');
      return reply.code(401).send({ error: verdict.reason });
    }
    const parsed = MailgunWebhookSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'unexpected webhook body' });

    const receiptId = `mailgun-token:${token}`;
    try {
      await deps.models.WebhookReceipt.create({ webhookId: receiptId, topic: 'mailgun' });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) {
        deps.logger.warn('mailgun webhook rejected: token reused');
        return reply.code(401).send({ error: 'token already used' });
      }
      throw err;
    }
    const ev = parsed.data['event-data'];
    try {
      const outcome = await applyMailgunEvent(deps, ev);
      deps.logger.info({ event: ev.event, eventId: ev.id, ...outcome }, 'mailgun event');
      return reply.code(200).send({ ok: true, ...outcome });
    } catch (err) {
      // Forget the token so the provider's retry is processed rather than refused as a replay.
      await deps.models.WebhookReceipt.deleteOne({ webhookId: receiptId });
      deps.logger.error({ event: ev.event, eventId: ev.id, err: String(err) }, 'mailgun event failed');
      return reply.code(500).send({ error: 'processing failed; retry' });
    }
  });
}
