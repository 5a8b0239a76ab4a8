import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError } from '../../../src/errors.js';
import { createMailgunTransport } from '../../../src/send/transports/mailgun.transport.js';
import type { OutgoingEmail } from '../../../src/send/transports/transport.js';
import { unsubscribeHeaders } from '../../../src/send/unsubscribe-headers.js';
import { startMailgunSink, type MailgunSink } from '../../support/mailgun-sink.js';

const logger = pino({ level: 'silent' });
const domain = 'mg.example.com';

function email(messageId: string, extra: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    messageId,
    to: 'Ada Lovelace <ada@example.org>',
    from: 'Acme Store <news@mg.example.com>',
    subject: 'Picked for you, Ada — 玫瑰润唇膏',
    html: '<p>Hello &amp; welcome</p>',
    text: 'Hello & welcome',
    headers: unsubscribeHeaders('https://shop.example.com/u/abc', 'unsubscribe@mg.example.com'),
    tags: ['weekly_digest', 'variant:personal'],
    variables: { campaign: 'digest-2024-w10', customer_id: 'c42' },
    ...extra,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('mailgun transport against the local sink (real mailgun.js client)', () => {
  let sink: MailgunSink;
  beforeAll(async () => {
    sink = await startMailgunSink({ apiKey: 'key-123', seed: 7 });
  });
  afterAll(async () => {
    await sink.close();
  });

  const transport = () => createMailgunTransport({ apiKey: 'key-123', domain, url: sink.url, logger });

  it('delivers every field, header, tag and variable', async () => {
    const t = transport();
    const result = await t.send(email('msg-1'));
    expect(result.providerMessageId).toMatch(/^<.+@mg\.example\.com>$/);
    const [received] = sink.byMessageId('msg-1');
    expect(received).toBeDefined();
    expect(received?.id).toBe(result.providerMessageId);
    expect(received?.to).toBe('Ada Lovelace <ada@example.org>');
    expect(received?.from).toBe('Acme Store <news@mg.example.com>');
    expect(received?.subject).toBe('Picked for you, Ada — 玫瑰润唇膏');
    expect(received?.html).toBe('<p>Hello &amp; welcome</p>');
    expect(received?.text).toBe('Hello & welcome');
    expect(received?.headers['List-Unsubscribe']).toBe(
      '<https://shop.example.com/u/abc>, <mailto:unsubscribe@mg.example.com>',
    );
    expect(received?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(received?.tags).toEqual(['weekly_digest', 'variant:personal']);
    expect(received?.variables).toEqual({
      campaign: 'digest-2024-w10',
      customer_id: 'c42',
      message_id: 'msg-1',
    });
    await t.close();
  });

  it('finds an accepted send by our message id through the events API', async () => {
    const t = transport();
    const sent = await t.send(email('msg-find'));
    await expect(t.findByMessageId('msg-find')).resolves.toEqual(sent);
    await expect(t.findByMessageId('never-sent')).resolves.toBeNull();
    await t.close();
  });

  it('maps 429 to RateLimitedError', async () => {
    sink.setFailRate(1, 429);
    try {
      const err = await transport()
        .send(email('msg-429'))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
      expect(sink.byMessageId('msg-429')).toHaveLength(0);
    } finally {
      sink.setFailRate(0);
    }
  });

  it('maps 503 to a retryable plain Error', async () => {
    sink.setFailRate(1, 503);
    try {
      const err = await transport()
        .send(email('msg-503'))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentError);
      expect(err).not.toBeInstanceOf(RateLimitedError);
    } finally {
      sink.setFailRate(0);
    }
  });

  it('maps 400 to PermanentError with the provider reason', async () => {
    sink.setFailRate(1, 400);
    try {
      const err = await transport()
        .send(email('msg-400'))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentError);
      expect((err as PermanentError).reason).toMatch(/Injected failure 400/);
    } finally {
      sink.setFailRate(0);
    }
  });

  it('maps a wrong key (401) to PermanentError', async () => {
    const t = createMailgunTransport({ apiKey: 'wrong', domain, url: sink.url, logger });
    const err = await t.send(email('msg-401')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
  });

  it('treats connection refused as retryable, even though mailgun.js reports status 400', async () => {
    const port = await freePort();
    const t = createMailgunTransport({ apiKey: 'key-123', domain, url: `http://127.0.0.1:${port}`, logger });
    const err = await t.send(email('msg-refused')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('fails a seeded fraction of requests without recording them', async () => {
    const local = await startMailgunSink({ apiKey: 'k', failRate: 0.3, failStatus: 503, seed: 3 });
    try {
      const t = createMailgunTransport({ apiKey: 'k', domain, url: local.url, logger });
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          t.send(email(`bulk-${i}`)).then(
            () => true,
            () => false,
          ),
        ),
      );
      const ok = outcomes.filter(Boolean).length;
      expect(local.messages).toHaveLength(ok);
      expect(local.stats().failed).toBe(60 - ok);
      expect(ok).toBeGreaterThan(25);
      expect(ok).toBeLessThan(60);
    } finally {
      await local.close();
    }
  });
});
