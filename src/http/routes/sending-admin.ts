import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { SendBreaker } from '../../evaluate/send-breaker.js';

/**
 * Operator controls for the deliverability circuit breaker, behind the admin Basic auth:
 * GET /admin/sending (rates, breaker and queue state), POST /admin/sending/resume.
 */
export async function sendingAdminRoutes(
  app: FastifyInstance,
  deps: { breaker: SendBreaker; credentials: { user: string; password: string } },
): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/admin/sending')) return;
    if (!authorised(request.headers.authorization, deps.credentials)) {
      await reply
        .code(401)
        .header('WWW-Authenticate', 'Basic realm="mailmind admin", charset="UTF-8"')
        .send({ error: 'authentication required' });
    }
  });
  app.get('/admin/sending', async () => deps.breaker.status());
  app.post('/admin/sending/resume', async () => {
    await deps.breaker.resume(deps.credentials.user);
    return { ok: true, ...(await deps.breaker.status()) };
  });
}

function authorised(header: string | undefined, creds: { user: string; password: string }): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice(6), 'base64').toString('utf8'));
  const expected = Buffer.from(`${creds.user}:${creds.password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
