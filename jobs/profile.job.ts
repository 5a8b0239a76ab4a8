import { PermanentError } from '../src/errors.js';
import { freshProfile } from '../src/profile/profile-service.js';
import { pipelineJobId } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { recordFinalFailure } from './record-failure.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';

/**
 * Stage 1: reserve the shopper's ledger row for this campaign (so a second run stops here), refresh
 * their profile and segment (or reuse one younger than PROFILE_MAX_AGE_MS), and hand the next
 * stages ids plus the few small facts they need (segment, price band, top categories, locale and
 * first name), not the profile itself. The segment reaches the ledger row with the content.
 */
export const profileJob: JobDefinition<'profile', PipelineDeps> = {
  name: 'profile',
  async process({ customerId, campaign }, { deps }) {
    const customer = await deps.reads.customer(customerId);
    if (!customer) throw new PermanentError(`customer ${customerId} not found`, 'unknown_customer');
    const reservation = await deps.ledger.reserve(customerId, campaign);
    if (reservation.state === 'sent' || reservation.state === 'skipped') {
      return { stopped: `already-${reservation.state}`, messageId: reservation.messageId };
    }
    if (!customer.marketingConsent) {
      await deps.ledger.skip(reservation.messageId, 'no_consent');
      throw new PermanentError('customer has not consented to marketing email', 'no_consent');
    }
    const suppressed = await deps.reads.suppression(customer.email);
    if (suppressed) {
      await deps.ledger.skip(reservation.messageId, 'suppressed');
      throw new PermanentError('address is suppressed', 'suppressed');
    }
    const profile = await freshProfile(
      { ...deps, readProfile: deps.reads.profile, readActivity: deps.reads.activity },
      customerId,
      deps.config.PROFILE_MAX_AGE_MS,
    );
    const firstName = customer.firstName ?? null;
    await deps.enqueue(
      'recommend',
      {
        customerId,
        campaign,
        messageId: reservation.messageId,
        segment: profile.segment,
        segmentName: profile.segmentName,
        priceBand: profile.priceBand,
        topCategories: profile.topCategories.slice(0, 10),
        // An unusually long name is not carried; the generate stage then reads the customer itself.
        customer:
          firstName === null || firstName.length <= 100
            ? { locale: customer.locale ?? 'en', firstName }
            : undefined,
      },
      { jobId: pipelineJobId('recommend', campaign.key, customerId) },
    );
    return { messageId: reservation.messageId, segment: profile.segment };
  },
  onFinalFailure: (data, reason, { deps }) => recordFinalFailure(deps, data, reason),
};
