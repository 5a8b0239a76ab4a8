import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { buildWorkers, type Workers } from '../../../src/runtime/build-workers.js';
import { syncDigestSchedulers } from '../../../src/scheduler/digest-scheduler.js';
import { schedulerIdFor, weeklyDigestKey } from '../../../src/scheduler/digest-schedule.js';
import { REDIS_URL } from '../../support/redis.js';
import { waitFor } from '../../support/wait.js';
import { startHttpHarness, type HttpHarness } from '../http/http-harness.js';

describe('digest scheduler and job payload validation', () => {
  let h: HttpHarness;
  let workers: Workers;
  const logger = createLogger('test', 'silent');

  beforeAll(async () => {
    h = await startHttpHarness('sched');
    const { Customer } = h.runtime.db.models;
    await Customer.insertMany([
      {
        externalId: 's1',
        email: 's1@example.com',
        timezone: 'Asia/Shanghai',
        marketingConsent: true,
        locale: 'zh-CN',
      },
      {
        externalId: 's2',
        email: 's2@example.com',
        timezone: 'Asia/Shanghai',
        marketingConsent: true,
        locale: 'zh-CN',
      },
      { externalId: 's3', email: 's3@example.com', timezone: 'Asia/Shanghai', marketingConsent: false },
      { externalId: 'n1', email: 'n1@example.com', timezone: 'America/New_York', marketingConsent: true },
      { externalId: 'l1', email: 'l1@example.com', timezone: 'Europe/London', marketingConsent: true },
      { externalId: 'x1', email: 'x1@example.com', timezone: 'Not/AZone', marketingConsent: true },
    ]);
    workers = buildWorkers(h.runtime, ['maintenance', 'send'], logger);
  });
  afterAll(async () => {
    await workers?.close();
    await h?.close();
  });

  it('keeps one job scheduler per customer time zone at the local digest hour', async () => {
    const result = await syncDigestSchedulers({
      models: h.runtime.db.models,
      queues: h.runtime.queues,
      logger,
      hour: 10,
      weekday: 2,
    });
    expect(result.timezones.sort()).toEqual(['America/New_York', 'Asia/Shanghai', 'Europe/London']);
    const schedulers = await h.runtime.queues.maintenance.getJobSchedulers();
    const byKey = new Map(schedulers.map((s) => [s.key, s]));
    expect(byKey.size).toBe(3);
    const shanghai = byKey.get(schedulerIdFor('Asia/Shanghai'));
    expect(shanghai).toMatchObject({ pattern: '0 10 * * 2', tz: 'Asia/Shanghai' });
    // Next run is 10:00 on a Tuesday in Shanghai (02:00 UTC).
    const next = new Date(shanghai!.next!);
    expect(next.getUTCHours()).toBe(2);
    expect(next.getUTCDay()).toBe(2);

    await h.runtime.db.models.Customer.deleteMany({ timezone: 'Europe/London' });
    await syncDigestSchedulers({
      models: h.runtime.db.models,
      queues: h.runtime.queues,
      logger,
      hour: 10,
      weekday: 2,
    });
    expect((await h.runtime.queues.maintenance.getJobSchedulers()).map((s) => s.key).sort()).toEqual(
      [schedulerIdFor('America/New_York'), schedulerIdFor('Asia/Shanghai')].sort(),
    );
  });

  it('a fired weekly-digest job fans out to the consenting customers of its zone only', async () => {
    await h.runtime.deps.enqueue('weekly-digest', { timezone: 'Asia/Shanghai' });
    const key = weeklyDigestKey(new Date(), 'Asia/Shanghai');
    const jobs = await waitFor('profile jobs from the fan-out', async () => {
      const waiting = await h.runtime.queues.profile.getJobs(['waiting']);
      return waiting.length >= 2 && waiting;
    });
    expect(jobs).toHaveLength(2);
    expect(new Set(jobs.map((j) => j.data.campaign.key))).toEqual(new Set([key]));
    const shanghai = await h.runtime.db.models.Customer.find({
      timezone: 'Asia/Shanghai',
      marketingConsent: true,
    }).lean();
    expect(new Set(jobs.map((j) => j.data.customerId))).toEqual(
      new Set(shanghai.map((c) => c._id.toString())),
    );
  });

  it('an invalid job payload fails once with the reason and is not retried', async () => {
    const events = new QueueEvents('send', {
      connection: { url: REDIS_URL },
      prefix: h.runtime.config.QUEUE_PREFIX,
    });
    await events.waitUntilReady();
    // Bypass enqueue()'s validation, as a foreign producer or an old deploy could.
    const job = await h.runtime.queues.send.add(
      'send',
      { customerId: 'not-an-id', messageId: 42 },
      { attempts: 5 },
    );
    const failed = await waitFor(
      'the job to fail',
      async () => {
        const j = await h.runtime.queues.send.getJob(job.id!);
        // Read the job again once it is failed: the copy fetched above may predate the failure.
        return (await j?.getState()) === 'failed' && (await h.runtime.queues.send.getJob(job.id!));
      },
      { timeoutMs: 20_000, intervalMs: 1000 },
    );
    // One run, no retry scheduled despite attempts: 5.
    expect(failed?.attemptsStarted).toBe(1);
    expect(failed?.failedReason).toMatch(/customerId: must be a 24-hex ObjectId/);
    await events.close();
  });
});
