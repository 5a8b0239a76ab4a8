import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

export const BOARD_PATH = '/admin/queues';

/**
 * bull-board has no authentication of its own: every route under the board's path sits behind
 * HTTP Basic auth with credentials from config, checked in constant time.
 */
export async function registerBullBoard(
  app: FastifyInstance,
  queues: Queue[],
  credentials: { user: string; password: string },
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'mailmind queues' } },
  });
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (!authorised(request.headers.authorization, credentials)) {
          await reply
            .code(401)
            .header('WWW-Authenticate', 'Basic realm="mailmind admin", charset="UTF-8"')
            .send({ error: 'authentication required' });
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: BOARD_PATH },
  );
}

function authorised(header: string | undefined, creds: { user: string; password: string }): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice(6), 'base64').toString('utf8'));
  const expected = Buffer.from(`${creds.user}:${creds.password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
