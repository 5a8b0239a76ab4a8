import { Types } from 'mongoose';
import { trainSegmentModel } from '../src/profile/segment-training.js';
import { pipelineJobId } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { trainRecommenderModel } from '../src/recommend/recommender-training.js';
import { weeklyDigestKey, zoneTag } from '../src/scheduler/digest-schedule.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';

export const trainSegmentsJob: JobDefinition<'train-segments', PipelineDeps> = {
  name: 'train-segments',
  async process(data, { deps, progress, log }) {
    const result = await trainSegmentModel(
      { models: deps.models, catalog: deps.catalog },
      {
        k: data.k ?? deps.config.SEGMENT_K,
        onProgress: (n) => void (n % 500 === 0 && progress({ customers: n })),
      },
    );
    deps.segments.invalidate();
    log.info({ version: result.version, k: result.k, silhouette: result.silhouette }, 'segments trained');
    return result;
  },
};

export const trainRecommenderJob: JobDefinition<'train-recommender', PipelineDeps> = {
  name: 'train-recommender',
  async process(_data, { deps, progress, log }) {
    const result = await trainRecommenderModel(
      { models: deps.models, catalog: deps.catalog },
      { onProgress: (n) => void (n % 500 === 0 && progress({ shoppers: n })) },
    );
    deps.recommender.invalidate();
    log.info(result, 'recommender trained');
    return result;
  },
};

/**
 * One page of a campaign fan-out: reads a page of consenting customers by _id, bulk-adds their
 * profile jobs, then enqueues the next page. No step holds all customers in memory.
 */
export const digestFanoutJob: JobDefinition<'digest-fanout', PipelineDeps> = {
  name: 'digest-fanout',
  async process(data, { deps }) {
    const page = await fanoutPage(deps, data);
    await deps.enqueueBulk(
      'profile',
      page.map((c) => ({
        data: { customerId: c._id.toString(), campaign: data.campaign },
        opts: { jobId: pipelineJobId('profile', data.campaign.key, c._id.toString()) },
      })),
    );
    const last = page.at(-1);
    if (page.length === data.pageSize && last) {
      await deps.enqueue(
        'digest-fanout',
        { ...data, afterId: last._id.toString() },
        { jobId: `fanout__${data.campaign.key}__${last._id.toString()}` },
      );
    }
    return { enqueued: page.length, lastId: last?._id.toString() };
  },
};

async function fanoutPage(
  deps: PipelineDeps,
  data: { afterId?: string; pageSize: number; timezones?: string[]; segment?: number },
): Promise<Array<{ _id: Types.ObjectId }>> {
  const after = data.afterId ? { $gt: new Types.ObjectId(data.afterId) } : undefined;
  if (data.segment !== undefined) {
    // Page through the segment's profiles; consent is checked again by the profile stage.
    const profiles = await deps.models.Profile.find(
      { segment: data.segment, ...(after ? { customerId: after } : {}) },
      { customerId: 1 },
    )
      .sort({ customerId: 1 })
      .limit(data.pageSize)
      .lean();
    return profiles.map((p) => ({ _id: p.customerId }));
  }
  const filter: Record<string, unknown> = { marketingConsent: true };
  if (after) filter._id = after;
  if (data.timezones) filter.timezone = { $in: data.timezones };
  return deps.models.Customer.find(filter, { _id: 1 }).sort({ _id: 1 }).limit(data.pageSize).lean();
}

/** Fired by the per-time-zone job scheduler: this week's digest for the customers in that zone. */
export const weeklyDigestJob: JobDefinition<'weekly-digest', PipelineDeps> = {
  name: 'weekly-digest',
  async process({ timezone }, { deps }) {
    const key = weeklyDigestKey(new Date(), timezone);
    await deps.enqueue(
      'digest-fanout',
      { campaign: { key, type: 'weekly_digest' }, pageSize: 1000, timezones: [timezone] },
      { jobId: `fanout__${key}__${zoneTag(timezone)}` },
    );
    return { key, timezone };
  },
};
