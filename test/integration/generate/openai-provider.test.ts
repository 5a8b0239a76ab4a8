import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComposer } from '../../../src/generate/composer/index.js';
import { createGuardedGenerator } from '../../../src/generate/guarded-generator.js';
import { countersSnapshot, createGuardrails } from '../../../src/generate/guardrails/index.js';
import { createOpenAiGenerator } from '../../../src/generate/openai/openai-generator.js';
import { createLogger } from '../../../src/logger.js';
import { request } from '../../unit/generate/helpers.js';

/** A tiny OpenAI-compatible chat-completions server over real HTTP; the reply is chosen per test. */
let reply: Record<string, unknown> = {};
const seen: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('OpenAI-compatible provider', () => {
  let server: Server;
  let baseUrl = '';
  const logger = createLogger('test', 'silent');
  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        seen.push({
          auth: req.headers.authorization,
          body: (await readJson(req)) as (typeof seen)[number]['body'],
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(reply) } }],
          }),
        );
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const openai = () => createOpenAiGenerator({ baseUrl, model: 'local-test', apiKey: 'sk-test', logger });

  it('fills the slots of the completion and sends the facts only as placeholders', async () => {
    reply = {
      subject: '{name}, new picks from {store}',
      preheader: 'Save {discount} on {product}.',
      greeting: 'Hi {name},',
      intro: 'We picked {product} from {brand} for you.',
      callToAction: 'Take a look',
      blurbs: ['{product} by {brand}, {price}.', '{product} is {discount} off, now {price}.'],
    };
    const copy = await openai().generate(request());
    expect(copy.subject).toBe('Ada, new picks from Acme Store');
    expect(copy.preheader).toBe('Save 20% on Linen Tote.');
    expect(copy.products[1]?.blurb).toBe('Linen Tote is 20% off, now $39.00.');
    expect(copy.generator).toBe('openai');
    const last = seen.at(-1);
    expect(last?.auth).toBe('Bearer sk-test');
    expect(last?.body.model).toBe('local-test');
    expect(JSON.stringify(last?.body.messages)).not.toContain('39');
  });

  it('behind the guardrails, an invented number or a slot with no fact falls back to the composer', async () => {
    const guarded = createGuardedGenerator({
      primary: openai(),
      fallback: createComposer(),
      guardrails: createGuardrails({ bannedPhrases: [] }),
      logger,
    });
    const before = countersSnapshot();
    reply = {
      subject: 'Save 50% today',
      preheader: 'x',
      greeting: 'Hi,',
      intro: 'Hello.',
      callToAction: 'Go',
      blurbs: ['a', 'b'],
    };
    const invented = await guarded.generate(request());
    expect(invented.generator).toBe('composer');
    reply = {
      subject: 'Hi {name}',
      preheader: 'x',
      greeting: 'Hi,',
      intro: 'Hello.',
      callToAction: 'Go',
      blurbs: ['a', 'b'],
    };
    const noName = await guarded.generate(request({ firstName: undefined }));
    expect(noName.generator).toBe('composer');
    const after = countersSnapshot();
    expect((after.fallbacks.invented_number ?? 0) - (before.fallbacks.invented_number ?? 0)).toBe(1);
    expect((after.fallbacks.OpenAiCopyError ?? 0) - (before.fallbacks.OpenAiCopyError ?? 0)).toBe(1);
  });
});
