import type { Campaign } from './payloads.js';
import type { Queues } from './queues.js';
import type { Enqueue, EnqueueBulk } from './enqueue.js';
import { pipelineJobId } from './registry.js';

/**
 * The one way campaigns enter the pipeline, shared by the scheduler, the storefront webhooks and
 * the CLI. Per-shopper jobs carry deterministic ids, so asking twice enqueues once.
 */
export function createProducer(deps: { queues: Queues; enqueue: Enqueue; enqueueBulk: EnqueueBulk }) {
  return {
    async forCustomer(
      customerId: string,
      campaign: Campaign,
      opts: { delayMs?: number } = {},
    ): Promise<string> {
      return deps.enqueue(
        'profile',
        { customerId, campaign },
        { jobId: pipelineJobId('profile', campaign.key, customerId), delay: opts.delayMs },
      );
    },

    async forCustomers(customerIds: string[], campaign: Campaign): Promise<void> {
      await deps.enqueueBulk(
        'profile',
        customerIds.map((customerId) => ({
          data: { customerId, campaign },
          opts: { jobId: pipelineJobId('profile', campaign.key, customerId) },
        })),
      );
    },

    /** Everyone (optionally one segment or some time zones), paged by the digest-fanout job. */
    async fanOut(
      campaign: Campaign,
      filter: { segment?: number; timezones?: string[]; pageSize?: number } = {},
    ): Promise<string> {
      return deps.enqueue(
        'digest-fanout',
        { campaign, pageSize: filter.pageSize ?? 1000, segment: filter.segment, timezones: filter.timezones },
        {
          jobId: `fanout__${campaign.key}__start${filter.segment === undefined ? '' : `-s${filter.segment}`}`,
        },
      );
    },

    /** Withdraws a campaign's pending (delayed or waiting) job for one shopper; true when one was removed. */
    async cancel(customerId: string, campaignKey: string): Promise<boolean> {
      const job = await deps.queues.profile.getJob(pipelineJobId('profile', campaignKey, customerId));
      if (!job) return false;
      const state = await job.getState();
      if (state !== 'delayed' && state !== 'waiting' && state !== 'prioritized') return false;
      await job.remove();
      return true;
    },
  };
}

export type Producer = ReturnType<typeof createProducer>;
