import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../../src/db/connection.js';
import { DeferredError, RateLimitedError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { createLedger } from '../../../src/send/ledger.js';
import { DEFAULT_SEND_POLICY, sendMessage, type SendDeps } from '../../../src/send/send-service.js';
import {
  createMailgunTransport,
  createOutboxTransport,
  type Transport,
} from '../../../src/send/transports/index.js';
import { startMailgunSink, type MailgunSink } from '../../support/mailgun-sink.js';
import { testMongo } from '../../support/mongo.js';
import { withDatabase } from '../../support/wait.js';
import { seedSendable, type SeededSend } from './send-fixtures.js';

const logger = createLogger('test', 'silent');
const POLICY = { ...DEFAULT_SEND_POLICY, quietStart: 0, quietEnd: 0, leaseMs: 60_000, reconcileDelayMs: 0 };

/** Each crash window, reproduced by putting the ledger and the provider in the state a crash leaves. */
describe('send crash windows (mailgun.js -> sink, and the outbox)', () => {
  let mongo: { uri: string; close(): Promise<void> };
  let db: Database;
  let sink: MailgunSink;
  let mailgun: Transport;
  let rows: SeededSend[];
  let next = 0;
  const depsFor = (transport: Transport, now?: Date): SendDeps => ({
    models: db.models,
    ledger: createLedger(db.models),
    transport,
    logger,
    settings: {
      from: 'Acme <news@mg.test>',
      publicUrl: 'http://127.0.0.1:3000',
      postalAddress: '1 Market St',
      unsubscribeSecret: 'x'.repeat(32),
    },
    policy: POLICY,
    ...(now ? { now: () => now } : {}),
  });
  const email = (row: SeededSend) => ({
    messageId: row.messageId,
    to: row.email,
    from: 'a@b.test',
    subject: 's',
    html: '<p>x</p>',
    text: 'x',
    headers: {},
    tags: [],
    variables: {},
  });

  beforeAll(async () => {
    mongo = await testMongo();
    db = await connectDatabase(withDatabase(mongo.uri, `crash_${Date.now()}`));
    sink = await startMailgunSink({ apiKey: 'k' });
    mailgun = createMailgunTransport({
      apiKey: 'k',
      domain: 'mg.test',
      url: sink.url,
      logger,
      rateLimitPauseMs: 10,
    });
    rows = await seedSendable(db.models, { customers: 12, campaigns: ['crash'] });
  });
  afterAll(async () => {
    await sink?.close();
    await db?.connection.dropDatabase().catch(() => undefined);
    await db?.close();
    await mongo?.close();
  });
  beforeEach(() => sink.setFailRate(0));
  const take = () => rows[next++]!;

  it('killed after the provider accepted, before markSent: reconciled, not sent again', async () => {
    const row = take();
    await mailgun.send(email(row));
    await db.models.Message.updateOne(
      { _id: row.messageId },
      { $set: { state: 'sending', leaseUntil: new Date(Date.now() - 1) } },
    );
    const out = await sendMessage(depsFor(mailgun), row.messageId);
    expect(out.status).toBe('reconciled');
    expect(sink.byMessageId(row.messageId)).toHaveLength(1);
    expect((await db.models.Message.findById(row.messageId).lean())?.state).toBe('sent');
  });

  it('killed after the claim, before the provider call: sent once after the lease', async () => {
    const row = take();
    await db.models.Message.updateOne(
      { _id: row.messageId },
      { $set: { state: 'sending', leaseUntil: new Date(Date.now() - 1) } },
    );
    expect((await sendMessage(depsFor(mailgun), row.messageId)).status).toBe('sent');
    expect((await sendMessage(depsFor(mailgun), row.messageId)).status).toBe('already-sent');
    expect(sink.byMessageId(row.messageId)).toHaveLength(1);
  });

  it('a stalled-job re-run while the first worker is alive waits for its lease instead of sending', async () => {
    const row = take();
    const leaseUntil = new Date(Date.now() + 30_000);
    await db.models.Message.updateOne({ _id: row.messageId }, { $set: { state: 'sending', leaseUntil } });
    const err = await sendMessage(depsFor(mailgun), row.messageId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeferredError);
    expect((err as DeferredError).until.getTime()).toBeGreaterThanOrEqual(leaseUntil.getTime());
    expect(sink.byMessageId(row.messageId)).toHaveLength(0);
  });

  it('two workers racing on one row: exactly one provider call', async () => {
    const row = take();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => sendMessage(depsFor(mailgun), row.messageId)),
    );
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.status === 'sent')).toHaveLength(1);
    expect(sink.byMessageId(row.messageId)).toHaveLength(1);
  });

  it('429 hands the row back (no attempt spent); 503 leaves it to reconcile, then sends once', async () => {
    const row = take();
    sink.setFailRate(1, 429);
    await expect(sendMessage(depsFor(mailgun), row.messageId)).rejects.toBeInstanceOf(RateLimitedError);
    expect((await db.models.Message.findById(row.messageId).lean())?.state).toBe('reserved');
    sink.setFailRate(1, 503);
    await expect(sendMessage(depsFor(mailgun), row.messageId)).rejects.toThrow(/temporary failure \(503\)/);
    expect((await db.models.Message.findById(row.messageId).lean())?.state).toBe('sending');
    sink.setFailRate(0);
    expect((await sendMessage(depsFor(mailgun), row.messageId)).status).toBe('sent');
    expect(sink.byMessageId(row.messageId)).toHaveLength(1);
  });

  it('a 4xx fails permanently with the provider reason and frees the frequency slot', async () => {
    const row = take();
    sink.setFailRate(1, 400);
    await expect(sendMessage(depsFor(mailgun), row.messageId)).rejects.toMatchObject({
      name: 'PermanentError',
    });
    expect((await db.models.Message.findById(row.messageId).lean())?.state).toBe('failed');
    const window = await db.models.SendWindow.findOne({ customerId: row.customerId }).lean();
    expect(window?.slots ?? []).toHaveLength(0);
  });

  it('the outbox transport reconciles the same way', async () => {
    const row = take();
    const outbox = createOutboxTransport({ dir: `/tmp/mailmind-crash-outbox-${process.pid}`, logger });
    await outbox.send(email(row));
    await db.models.Message.updateOne(
      { _id: row.messageId },
      { $set: { state: 'sending', leaseUntil: new Date(Date.now() - 1) } },
    );
    expect((await sendMessage(depsFor(outbox), row.messageId)).status).toBe('reconciled');
  });
});
