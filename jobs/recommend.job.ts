import { PermanentError } from '../src/errors.js';
import { pipelineJobId } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { recordFinalFailure } from './record-failure.js';
import {
  RECOMMEND_STRATEGIES,
  recommendFor,
  type RecommendStrategy,
} from '../src/recommend/recommend-service.js';
import { strategyBandit } from '../src/evaluate/bandit-store.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';

/** Stage 2: pick products (collaborative filtering, segment popularity, business rules), each with its reason. */
export const recommendJob: JobDefinition<'recommend', PipelineDeps> = {
  name: 'recommend',
  async process(data, { deps }) {
    // The profile stage passes these on; a job enqueued without them reads the stored profile.
    const profile = data.priceBand
      ? { priceBand: data.priceBand, topCategories: data.topCategories ?? [] }
      : await deps.reads.profile(data.customerId);
    // Thompson sampling over strategies, per segment; a trigger email always leads with its trigger products.
    const arm = (await deps.bandits.choose(
      strategyBandit(data.segment),
      RECOMMEND_STRATEGIES,
    )) as RecommendStrategy;
    const { picks, strategy } = await recommendFor(
      {
        models: deps.models,
        catalog: deps.catalog,
        recommender: deps.recommender,
        loadHistory: deps.reads.history,
        settings: {
          count: deps.config.RECOMMEND_COUNT,
          maxPerCategory: deps.config.RECOMMEND_MAX_PER_CATEGORY,
          recentPurchaseDays: deps.config.RECENT_PURCHASE_DAYS,
        },
      },
      {
        customerId: data.customerId,
        segment: data.segment,
        priceBand: asPriceBand(profile?.priceBand),
        topCategories: profile?.topCategories ?? [],
        // A cart reminder features the cart; a post-purchase email suggests what goes with the order.
        triggerProductIds:
          data.campaign.type === 'abandoned_checkout' ? (data.campaign.productIds ?? []) : [],
        exclude: data.campaign.type === 'post_purchase' ? (data.campaign.productIds ?? []) : [],
        strategy: arm,
      },
    );
    if (picks.length === 0) {
      await deps.ledger.skip(data.messageId, 'no_products');
      throw new PermanentError('no in-stock product passes the rules for this shopper', 'no_products');
    }
    // The picks and strategy reach the ledger row with the content, in the generate stage's one write.
    await deps.enqueue(
      'generate',
      { ...data, picks, strategy },
      { jobId: pipelineJobId('generate', data.campaign.key, data.customerId) },
    );
    return { picks: picks.length, strategy };
  },
  onFinalFailure: (data, reason, { deps }) => recordFinalFailure(deps, data, reason),
};

function asPriceBand(band: string | null | undefined): 'budget' | 'mid' | 'premium' | undefined {
  return band === 'budget' || band === 'mid' || band === 'premium' ? band : undefined;
}
