/**
 * A local Mailgun-compatible HTTP sink for integration tests, the pipeline benchmark and the chaos
 * script. Plain TypeScript with no test-framework imports so scripts can use it too.
 */
import { mulberry32 } from '../../src/shared/random.js';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

export interface SinkMessage {
  /** Provider id as returned to the client, with angle brackets. */
  id: string;
  domain: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  /** `h:` fields with the prefix removed. */
  headers: Record<string, string>;
  /** Every `o:tag` value, in order. */
  tags: string[];
  /** `v:` fields with the prefix removed. */
  variables: Record<string, string>;
  /** Every raw form field, repeated ones included. */
  fields: Record<string, string[]>;
  receivedAt: number;
}

export interface MailgunSinkOptions {
  /** Fraction of message requests answered with failStatus (not recorded). @defaultValue 0 */
  failRate?: number;
  /** Status for injected failures. @defaultValue 503 */
  failStatus?: number;
  /** Statuses to mix for injected failures, chosen at random per failure (overrides failStatus). */
  failStatuses?: number[];
  /** Seed for which requests fail, so a run is reproducible. @defaultValue 1 */
  seed?: number;
  /** Expected Basic auth password (user is always `api`). @defaultValue 'test-key' */
  apiKey?: string;
  /** Artificial latency per message request, in ms. @defaultValue 0 */
  latencyMs?: number;
  /** Keep html/text of each message; turn off for long benchmarks to bound memory. @defaultValue true */
  recordBodies?: boolean;
}

export interface MailgunSink {
  /** Base URL to pass to mailgun.js as `url`. */
  url: string;
  port: number;
  messages: SinkMessage[];
  byMessageId(messageId: string): SinkMessage[];
  setFailRate(rate: number, status?: number): void;
  stats(): { accepted: number; failed: number; unauthorized: number };
  clear(): void;
  close(): Promise<void>;
}

/** Parses multipart/form-data into repeated fields; only text parts are expected from mailgun.js. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string[]> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new Error('multipart body without boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string[]> = {};
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter "--"
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const head = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      if (name !== undefined) (fields[name] ??= []).push(part.subarray(headerEnd + 4).toString('utf8'));
    }
    pos = next;
  }
  return fields;
}

function parseUrlEncoded(body: string): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) (fields[k] ??= []).push(v);
  return fields;
}

function toMessage(domain: string, fields: Record<string, string[]>, recordBodies: boolean): SinkMessage {
  if (!recordBodies) {
    delete fields.html;
    delete fields.text;
  }
  const first = (k: string) => fields[k]?.[0] ?? '';
  const headers: Record<string, string> = {};
  const variables: Record<string, string> = {};
  for (const [k, values] of Object.entries(fields)) {
    const v = values[values.length - 1] ?? '';
    if (k.startsWith('h:')) headers[k.slice(2)] = v;
    else if (k.startsWith('v:')) variables[k.slice(2)] = v;
  }
  return {
    id: `<${Date.now()}.${randomBytes(8).toString('hex')}@${domain}>`,
    domain,
    to: (fields.to ?? []).join(', '),
    from: first('from'),
    subject: first('subject'),
    html: first('html'),
    text: first('text'),
    headers,
    tags: fields['o:tag'] ?? [],
    variables,
    fields,
    receivedAt: Date.now(),
  };
}

function eventFor(m: SinkMessage) {
  return {
    id: randomBytes(11).toString('hex'),
    event: 'accepted',
    timestamp: m.receivedAt / 1000,
    'log-level': 'info',
    recipient: m.to,
    tags: m.tags,
    'user-variables': m.variables,
    message: { headers: { to: m.to, 'message-id': m.id.slice(1, -1), from: m.from, subject: m.subject } },
  };
}

/** Starts the sink on 127.0.0.1 at a random port. */
export async function startMailgunSink(options: MailgunSinkOptions = {}): Promise<MailgunSink> {
  const apiKey = options.apiKey ?? 'test-key';
  const expectedAuth = `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
  const random = mulberry32(options.seed ?? 1);
  let failRate = options.failRate ?? 0;
  let failStatus = options.failStatus ?? 503;
  const failStatuses = options.failStatuses?.length ? options.failStatuses : undefined;
  const latencyMs = options.latencyMs ?? 0;
  const recordBodies = options.recordBodies ?? true;
  const messages: SinkMessage[] = [];
  const byVariableId = new Map<string, SinkMessage[]>();
  const counters = { accepted: 0, failed: 0, unauthorized: 0 };

  const app = Fastify({ logger: false, bodyLimit: 25 * 1024 * 1024 });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, req.headers['content-type'] ?? ''));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseUrlEncoded(body as string));
  });

  const authorized = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (req.headers.authorization === expectedAuth) return true;
    counters.unauthorized += 1;
    void reply.code(401).send({ message: 'Invalid private key' });
    return false;
  };

  app.post<{ Params: { domain: string } }>('/v3/:domain/messages', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (failRate > 0 && random() < failRate) {
      counters.failed += 1;
      const status = failStatuses
        ? (failStatuses[Math.floor(random() * failStatuses.length)] ?? failStatus)
        : failStatus;
      const message = status === 429 ? 'Too many requests' : `Injected failure ${status}`;
      return reply.code(status).send({ message });
    }
    const fields = (req.body ?? {}) as Record<string, string[]>;
    if (!fields.to?.length || !fields.from?.length) {
      return reply.code(400).send({ message: `'${fields.to?.length ? 'from' : 'to'}' parameter is missing` });
    }
    const message = toMessage(req.params.domain, fields, recordBodies);
    messages.push(message);
    const key = message.variables.message_id;
    if (key !== undefined) {
      const list = byVariableId.get(key);
      if (list) list.push(message);
      else byVariableId.set(key, [message]);
    }
    counters.accepted += 1;
    return reply.send({ id: message.id, message: 'Queued. Thank you.' });
  });

  app.get<{ Params: { domain: string }; Querystring: Record<string, string> }>(
    '/v3/:domain/events',
    async (req, reply) => {
      if (!authorized(req, reply)) return reply;
      const q = req.query;
      let userVars: Record<string, unknown> | undefined;
      if (q['user-variables']) {
        try {
          userVars = JSON.parse(q['user-variables']) as Record<string, unknown>;
        } catch {
          return reply.code(400).send({ message: "Invalid 'user-variables' filter" });
        }
      }
      let candidates: SinkMessage[] =
        typeof userVars?.message_id === 'string' ? (byVariableId.get(userVars.message_id) ?? []) : messages;
      candidates = candidates.filter((m) => {
        if (m.domain !== req.params.domain) return false;
        if (q.event && q.event !== 'accepted') return false;
        if (q['message-id'] && m.id.slice(1, -1) !== q['message-id'].replace(/^<|>$/g, '')) return false;
        if (q.recipient && !m.to.includes(q.recipient)) return false;
        if (userVars && !Object.entries(userVars).every(([k, v]) => m.variables[k] === String(v)))
          return false;
        return true;
      });
      if (q.ascending !== 'yes') candidates = [...candidates].reverse();
      const limit = Math.min(Number(q.limit ?? 100) || 100, 300);
      const base = `${sinkUrl}/v3/${req.params.domain}/events`;
      return reply.send({
        items: candidates.slice(0, limit).map(eventFor),
        paging: {
          first: `${base}/first`,
          last: `${base}/last`,
          next: `${base}/next`,
          previous: `${base}/previous`,
        },
      });
    },
  );

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ message: 'Not found' }));

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('sink did not bind a TCP port');
  const sinkUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: sinkUrl,
    port: address.port,
    messages,
    byMessageId: (messageId) => byVariableId.get(messageId) ?? [],
    setFailRate(rate, status) {
      failRate = rate;
      if (status !== undefined) failStatus = status;
    },
    stats: () => ({ ...counters }),
    clear() {
      messages.length = 0;
      byVariableId.clear();
    },
    close: () => app.close(),
  };
}
