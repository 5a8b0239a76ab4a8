import { Types } from 'mongoose';
import { PermanentError } from '../src/errors.js';
import { buildCopyRequest, seedFrom } from '../src/generate/copy-request.js';
import { GuardrailError } from '../src/generate/guarded-generator.js';
import { pipelineJobId } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { recordFinalFailure } from './record-failure.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';
import { copyBandit } from '../src/evaluate/bandit-store.js';
import { SUBJECT_VARIANTS } from '../src/generate/composer/index.js';
import { sendJobOptions } from './send.job.js';

/** Stage 3: write the copy from facts only, store it on the ledger row, hand the send stage its id. */
export const generateJob: JobDefinition<'generate', PipelineDeps> = {
  name: 'generate',
  async process(data, { deps }) {
    // The profile stage passes locale and first name on; older payloads read the customer.
    const customer = data.customer ?? (await deps.reads.customer(data.customerId));
    if (!customer) throw new PermanentError(`customer ${data.customerId} not found`, 'unknown_customer');
    const picks = [];
    for (const pick of data.picks) {
      const product = await deps.catalog.get(pick.productId);
      if (!product) continue;
      const becauseOf = pick.becauseOf ? await deps.catalog.get(pick.becauseOf) : undefined;
      picks.push({ product, reason: pick.reason, becauseOf });
    }
    if (picks.length === 0)
      throw new PermanentError('none of the picked products exists any more', 'no_products');
    // Thompson sampling picks the subject style; the message records the one actually used.
    const variant = await deps.bandits.choose(copyBandit(data.campaign.type), SUBJECT_VARIANTS);
    const request = buildCopyRequest({
      campaignType: data.campaign.type,
      locale: customer.locale === 'zh-CN' ? 'zh-CN' : 'en',
      segmentName: data.segmentName,
      firstName: customer.firstName ?? undefined,
      store: { name: deps.config.STORE_NAME, url: deps.config.STORE_URL },
      picks,
      seed: seedFrom(data.messageId),
      variant,
    });
    const copy = await deps.generator.generate(request).catch((err: unknown) => {
      // Every generator and the composer fallback broke a rule for these facts: retrying cannot help.
      if (err instanceof GuardrailError) throw new PermanentError(err.message, 'no_safe_copy');
      throw err;
    });
    await deps.ledger.update(data.messageId, {
      content: { copy, request },
      subject: copy.subject,
      variant: copy.variant,
      generator: copy.generator,
      locale: request.locale,
      // What the earlier stages decided, stored in this one write rather than one write per stage.
      segment: data.segment,
      segmentName: data.segmentName,
      productIds: data.picks.map((p) => new Types.ObjectId(p.productId)),
      recommendationStrategy: data.strategy,
    });
    await deps.enqueue(
      'send',
      { customerId: data.customerId, campaign: data.campaign, messageId: data.messageId },
      { jobId: pipelineJobId('send', data.campaign.key, data.customerId), ...sendJobOptions(deps.config) },
    );
    return { generator: copy.generator, variant: copy.variant };
  },
  onFinalFailure: (data, reason, { deps }) => recordFinalFailure(deps, data, reason),
};
