import { Types } from 'mongoose';
import { PermanentError } from '../src/errors.js';
import { pipelineJobId } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { recordFinalFailure } from './record-failure.js';
import { RECOMMEND_STRATEGIES, recommendFor, type RecommendStrategy } from '../src/recommend/recommend-service.js';
import { strategyBandit } from '../src/evaluate/bandit-store.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';

/** Stage 2: pick products (collaborative filtering, segment popularity, business rules), each with its reason. */
export const recommendJob: JobDefinition<'recommend', PipelineDeps> = {
  name: 'recommend',
  async process(data, { deps }) {
    const profile = await deps.models.Profile.findOne(
      { customerId: new Types.ObjectId(data.customerId) },
      { priceBand: 1, topCategories: 1 },
    ).lean();
    // Thompson sampling over strategies, per segment; a trigger email always leads with its trigger products.
    const arm = (await deps.bandits.choose(strategyBandit(data.segment), RECOMMEND_STRATEGIES)) as RecommendStrategy;
    const { picks, strategy } = await recommendFor(
      {
        models: deps.models,
        catalog: deps.catalog,
        recommender: deps.recommender,
        settings: {
          count: deps.config.RECOMMEND_COUNT,
          maxPerCategory: deps.config.RECOMMEND_MAX_PER_CATEGORY,
          recentPurchaseDays: deps.config.RECENT_PURCHASE_DAYS,
        },
      },
      {
        customerId: data.customerId,
        segment: data.segment,
        priceBand: profile?.priceBand ?? undefined,
        topCategories: profile?.topCategories ?? [],
        // A cart reminder features the cart; a post-purchase email suggests what goes with the order.
        triggerProductIds: data.campaign.type === 'abandoned_checkout' ? (data.campaign.productIds ?? []) : [],
        exclude: data.campaign.type === 'post_purchase' ? (data.campaign.productIds ?? []) : [],
        strategy: arm,
      },
    );
    if (picks.length === 0) {
      await deps.ledger.skip(data.messageId, 'no_products');
      throw new PermanentError('no in-stock product passes the rules for this shopper', 'no_products');
    }
    await deps.ledger.update(data.messageId, {
      productIds: picks.map((p) => new Types.ObjectId(p.productId)),
      recommendationStrategy: strategy,
    });
    await deps.enqueue(
      'generate',
      { ...data, picks, strategy },
      { jobId: pipelineJobId('generate', data.campaign.key, data.customerId) },
    );
    return { picks: picks.length, strategy };
  },
  onFinalFailure: (data, reason, { deps }) => recordFinalFailure(deps, data, reason),
};
