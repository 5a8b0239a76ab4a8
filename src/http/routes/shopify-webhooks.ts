import type { FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import type { Logger } from '../../logger.js';
import { handleShopifyTopic, type TriggerDeps } from '../../triggers/shopify-handlers.js';
import { isShopifyTopic, SHOPIFY_TOPICS } from '../../triggers/shopify-payloads.js';
import { verifyShopifyHmac } from '../../triggers/shopify-signature.js';

export interface ShopifyRouteDeps extends TriggerDeps {
  secret: string;
  logger: Logger;
}

/**
 * POST /webhooks/shopify: verify the HMAC over the raw bytes, then parse, then de-duplicate by
 * webhook id, then act. Anything rejected gets a 4xx with a reason and changes nothing.
 */
export async function shopifyWebhookRoutes(app: FastifyInstance, deps: ShopifyRouteDeps): Promise<void> {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.post('/webhooks/shopify', async (request, reply) => {
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) return reply.code(415).send({ error: 'expected an application/json body' });
    const hmac = request.headers['x-shopify-hmac-sha256'];
    if (!verifyShopifyHmac(raw, typeof hmac === 'string' ? hmac : undefined, deps.secret)) {
      return reply.code(401).send({ error: 'invalid or missing X-Shopify-Hmac-Sha256 signature' });
    }
    const topic = String(request.headers['x-shopify-topic'] ?? '');
    if (!isShopifyTopic(topic)) return reply.code(400).send({ error: `unsupported topic "${topic}"` });
    const webhookId = String(request.headers['x-shopify-webhook-id'] ?? '');
    if (!webhookId) return reply.code(400).send({ error: 'missing X-Shopify-Webhook-Id header' });

    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'body is not valid JSON' });
    }
    let body: unknown;
    try {
      body = SHOPIFY_TOPICS[topic].parse(json);
    } catch (err) {
      const reason =
        err instanceof ZodError
          ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : String(err);
      return reply.code(400).send({ error: `invalid ${topic} payload: ${reason}` });
    }

    try {
      await deps.models.WebhookReceipt.create({ webhookId, topic });
    } catch (err) {
      if ((err as { code?: number }).code === 11000)
        return reply.code(200).send({ ok: true, duplicate: true });
      throw err;
    }
    try {
      const outcome = await handleShopifyTopic(deps, topic, body);
      deps.logger.info({ topic, webhookId, ...outcome }, 'storefront webhook applied');
      return reply.code(200).send({ ok: true, ...outcome });
    } catch (err) {
      // Forget the receipt so Shopify's redelivery is processed instead of dropped.
      await deps.models.WebhookReceipt.deleteOne({ webhookId });
      deps.logger.error({ topic, webhookId, err: String(err) }, 'storefront webhook failed');
      return reply.code(500).send({ error: 'processing failed; retry' });
    }
  });
}
