import { PermanentError } from '../src/errors.js';
import { buildProfile } from '../src/profile/profile-service.js';
import { pipelineJobId } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { recordFinalFailure } from './record-failure.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';

/**
 * Stage 1: reserve the shopper's ledger row for this campaign (so a second run stops here), refresh
 * their profile and segment, and hand the next stage ids and the segment, not the profile itself.
 */
export const profileJob: JobDefinition<'profile', PipelineDeps> = {
  name: 'profile',
  async process({ customerId, campaign }, { deps }) {
    const customer = await deps.models.Customer.findById(customerId, { marketingConsent: 1, email: 1 }).lean();
    if (!customer) throw new PermanentError(`customer ${customerId} not found`, 'unknown_customer');
    const reservation = await deps.ledger.reserve(customerId, campaign);
    if (reservation.state === 'sent' || reservation.state === 'skipped') {
      return { stopped: `already-${reservation.state}`, messageId: reservation.messageId };
    }
    if (!customer.marketingConsent) {
      await deps.ledger.skip(reservation.messageId, 'no_consent');
      throw new PermanentError('customer has not consented to marketing email', 'no_consent');
    }
    const suppressed = await deps.models.Suppression.exists({ email: customer.email.toLowerCase() });
    if (suppressed) {
      await deps.ledger.skip(reservation.messageId, 'suppressed');
      throw new PermanentError('address is suppressed', 'suppressed');
    }
    const profile = await buildProfile(deps, customerId);
    await deps.ledger.update(reservation.messageId, { segment: profile.segment, segmentName: profile.segmentName });
    await deps.enqueue(
      'recommend',
      { customerId, campaign, messageId: reservation.messageId, segment: profile.segment, segmentName: profile.segmentName },
      { jobId: pipelineJobId('recommend', campaign.key, customerId) },
    );
    return { messageId: reservation.messageId, segment: profile.segment };
  },
  onFinalFailure: (data, reason, { deps }) => recordFinalFailure(deps, data, reason),
};
