import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/errors.js';
import { buildMimeMessage } from '../../../src/send/transports/mime.js';
import { createOutboxTransport } from '../../../src/send/transports/outbox.transport.js';
import type { OutgoingEmail } from '../../../src/send/transports/transport.js';
import { unsubscribeHeaders } from '../../../src/send/unsubscribe-headers.js';

const logger = pino({ level: 'silent' });

function email(messageId: string): OutgoingEmail {
  return {
    messageId,
    to: '王小明 <xiaoming@example.cn>',
    from: 'Acme Store <news@mg.example.com>',
    subject: '小明，为你精选的护肤好物',
    html: '<html lang="zh-CN"><body><p>你好</p></body></html>',
    text: '你好，小明',
    headers: unsubscribeHeaders('https://shop.example.com/u/t0k'),
    tags: ['weekly_digest'],
    variables: { customer_id: 'c1' },
  };
}

function decodeParts(eml: string): string[] {
  const boundary = /boundary="([^"]+)"/.exec(eml)?.[1] ?? '';
  return eml
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const body = part.split('\r\n\r\n')[1] ?? '';
      return Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
    });
}

describe('outbox transport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a proper multipart/alternative .eml and an .html, with no temp files left', async () => {
    const t = createOutboxTransport({ dir: join(dir, 'nested'), logger });
    const result = await t.send(email('m-1'));
    expect(result.providerMessageId).toBe('<m-1@outbox.mailmind.local>');
    const files = (await readdir(join(dir, 'nested'))).sort();
    expect(files).toEqual(['m-1.eml', 'm-1.html']);
    const eml = await readFile(join(dir, 'nested', 'm-1.eml'), 'utf8');
    const [head] = eml.split('\r\n\r\n');
    expect(head).toMatch(/^Message-ID: <m-1@outbox\.mailmind\.local>\r\n/);
    expect(head).toContain('MIME-Version: 1.0');
    expect(head).toMatch(/Content-Type: multipart\/alternative; boundary="[^"]+"/);
    expect(head).toContain('List-Unsubscribe: <https://shop.example.com/u/t0k>');
    expect(head).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(head).toContain('From: Acme Store <news@mg.example.com>');
    expect(head).toMatch(/To: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <xiaoming@example\.cn>/);
    // Encoded subject decodes back to the original.
    const subjectLine = /Subject: ((?:.*)(?:\r\n .*)*)/.exec(head ?? '')?.[1] ?? '';
    const decoded = [...subjectLine.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)]
      .map((m) => Buffer.from(m[1] ?? '', 'base64').toString('utf8'))
      .join('');
    expect(decoded).toBe('小明，为你精选的护肤好物');
    expect(decodeParts(eml)).toEqual(['你好，小明', '<html lang="zh-CN"><body><p>你好</p></body></html>']);
    for (const line of eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const html = await readFile(join(dir, 'nested', 'm-1.html'), 'utf8');
    expect(html).toBe(email('m-1').html);
    await t.close();
  });

  it('is idempotent: a second send of the same id does not rewrite the file', async () => {
    const t = createOutboxTransport({ dir, logger });
    const first = await t.send(email('m-2'));
    const before = await stat(join(dir, 'm-2.eml'));
    const content = await readFile(join(dir, 'm-2.eml'), 'utf8');
    await new Promise((r) => setTimeout(r, 20));
    const second = await t.send({ ...email('m-2'), subject: 'changed' });
    expect(second).toEqual(first);
    expect((await stat(join(dir, 'm-2.eml'))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(join(dir, 'm-2.eml'), 'utf8')).toBe(content);
  });

  it('findByMessageId reflects whether the .eml exists', async () => {
    const t = createOutboxTransport({ dir, logger });
    await expect(t.findByMessageId('m-3')).resolves.toBeNull();
    await t.send(email('m-3'));
    await expect(t.findByMessageId('m-3')).resolves.toEqual({
      providerMessageId: '<m-3@outbox.mailmind.local>',
    });
  });

  it('rejects ids that could escape the directory', async () => {
    const t = createOutboxTransport({ dir, logger });
    await expect(t.send(email('../evil'))).rejects.toBeInstanceOf(PermanentError);
  });

  it('never leaves a half email: concurrent sends of many messages leave only complete files', async () => {
    const t = createOutboxTransport({ dir, logger });
    await Promise.all(Array.from({ length: 50 }, (_, i) => t.send(email(`c-${i % 25}`))));
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(25);
    for (const f of files.filter((x) => x.endsWith('.eml'))) {
      expect(await readFile(join(dir, f), 'utf8')).toMatch(/--\r\n$/);
    }
  });

  it('close lets sends in flight finish, then refuses new ones', async () => {
    const t = createOutboxTransport({ dir, logger });
    const sends = Array.from({ length: 40 }, (_, i) => t.send(email(`f-${i}`)));
    await t.close();
    await expect(Promise.all(sends)).resolves.toHaveLength(40);
    expect((await readdir(dir)).filter((f) => f.endsWith('.eml'))).toHaveLength(40);
    await expect(t.send(email('late'))).rejects.toThrow(/closed/);
  });

  it('fails a send with the file system error when the outbox cannot be written', async () => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const t = createOutboxTransport({ dir: join(blocker, 'outbox'), logger });
    await expect(t.send(email('e-1'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await t.close();
  });

  it('writes byte for byte what buildMimeMessage builds (the thread encodes the bodies)', async () => {
    const t = createOutboxTransport({ dir, logger, messageIdDomain: 'x.test' });
    const big = {
      ...email('b-1'),
      html: `<p>${'你好，世界 hello '.repeat(4000)}</p>`,
      text: 'é'.repeat(1001),
    };
    await t.send(big);
    const eml = await readFile(join(dir, 'b-1.eml'), 'utf8');
    const boundary = /boundary="([^"]+)"/.exec(eml)?.[1] ?? '';
    const date = new Date(/\r\nDate: ([^\r]+)\r\n/.exec(eml)?.[1]?.replace('+0000', 'GMT') ?? '');
    expect(eml).toBe(buildMimeMessage(big, { messageIdDomain: 'x.test', boundary, date }));
    await t.close();
  });
});
