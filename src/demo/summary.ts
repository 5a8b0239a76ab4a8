import type { Queue } from 'bullmq';
import type { Models } from '../db/models/index.js';

export interface StageTiming {
  stage: string;
  jobs: number;
  meanMs: number;
  p95Ms: number;
}

export interface CampaignSummary {
  sent: number;
  bySegment: Array<{ segment: string; count: number }>;
  byLocale: Array<{ locale: string; count: number }>;
  byGenerator: Array<{ generator: string; count: number }>;
  skipped: Array<{ reason: string; count: number }>;
  failed: number;
  notEnqueued: { noConsent: number };
}

export async function summariseCampaign(models: Models, campaignKey: string): Promise<CampaignSummary> {
  const group = async (field: string, state: string) =>
    (
      await models.Message.aggregate<{ _id: string | null; count: number }>([
        { $match: { campaignKey, state } },
        { $group: { _id: `$${field}`, count: { $sum: 1 } } },
        { $sort: { count: -1, _id: 1 } },
      ])
    ).map((r) => ({ key: r._id ?? '(none)', count: r.count }));
  const [bySegment, byLocale, byGenerator, skipped, failed, noConsent] = await Promise.all([
    group('segmentName', 'sent'),
    group('locale', 'sent'),
    group('generator', 'sent'),
    group('skipReason', 'skipped'),
    models.Message.countDocuments({ campaignKey, state: 'failed' }),
    models.Customer.countDocuments({ marketingConsent: false }),
  ]);
  return {
    sent: bySegment.reduce((s, r) => s + r.count, 0),
    bySegment: bySegment.map((r) => ({ segment: r.key, count: r.count })),
    byLocale: byLocale.map((r) => ({ locale: r.key, count: r.count })),
    byGenerator: byGenerator.map((r) => ({ generator: r.key, count: r.count })),
    skipped: skipped.map((r) => ({ reason: r.key, count: r.count })),
    failed,
    notEnqueued: { noConsent },
  };
}

/** Processing time per stage from the completed jobs BullMQ keeps (processedOn -> finishedOn). */
export async function stageTimings(queues: Array<{ name: string; queue: Queue }>): Promise<StageTiming[]> {
  return Promise.all(
    queues.map(async ({ name, queue }) => {
      const jobs = await queue.getJobs(['completed'], 0, 4999);
      const durations = jobs
        .map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0))
        .filter((d) => d >= 0)
        .sort((a, b) => a - b);
      const mean = durations.reduce((s, d) => s + d, 0) / (durations.length || 1);
      return {
        stage: name,
        jobs: durations.length,
        meanMs: Math.round(mean * 10) / 10,
        p95Ms: durations[Math.floor(durations.length * 0.95)] ?? 0,
      };
    }),
  );
}
