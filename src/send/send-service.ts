import type { Models } from '../db/models/index.js';
import { DeferredError, PermanentError, RateLimitedError } from '../errors.js';
import { renderEmail } from '../generate/render/index.js';
import type { CopyRequest, EmailCopy } from '../generate/types.js';
import type { Logger } from '../logger.js';
import { createSendSlots, type SendSlots } from './frequency-cap.js';
import type { Ledger } from './ledger.js';
import type { BatchedReads } from '../runtime/batched-reads.js';
import { isQuietHour, localHour, nextPreferredHour, quietHoursEnd } from './send-timing.js';
import type { Transport } from './transports/index.js';
import { unsubscribeHeaders } from './unsubscribe-headers.js';
import { signUnsubscribeToken, unsubscribeUrl } from './unsubscribe-token.js';

/** When and how often marketing email may go out, and how long a claimed send is owned. */
export interface SendPolicy {
  /** Marketing emails per customer per rolling 7 days, across campaigns. */
  frequencyCap: number;
  /** Capped emails that could only go later than this are skipped. */
  maxCapDeferMs: number;
  quietStart: number;
  quietEnd: number;
  /** Defer weekly digests to the customer's learned preferred hour. */
  preferredHour: boolean;
  leaseMs: number;
  /** After an unclear provider failure, wait this long before reconciling with the provider. */
  reconcileDelayMs: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  frequencyCap: 3,
  maxCapDeferMs: 48 * 3_600_000,
  quietStart: 21,
  quietEnd: 8,
  preferredHour: true,
  leaseMs: 90_000,
  reconcileDelayMs: 5_000,
};

export interface SendDeps {
  models: Models;
  ledger: Ledger;
  transport: Transport;
  logger: Logger;
  settings: {
    from: string;
    publicUrl: string;
    postalAddress: string;
    unsubscribeSecret: string;
  };
  policy?: SendPolicy;
  /** The frequency-cap slots, shared by the jobs of a process so their writes batch; one per call otherwise. */
  slots?: SendSlots;
  /**
   * Batched reads shared with the other jobs of this process (each is still a fresh read made
   * after the call); without them each read is its own query.
   */
  reads?: Pick<BatchedReads, 'message' | 'customer' | 'suppression'>;
  /** Called once when a message becomes sent (bandit trials). */
  onSent?(message: {
    campaignType: string;
    variant?: string | null;
    segment?: number | null;
    recommendationStrategy?: string | null;
  }): Promise<void>;
  now?: () => Date;
}

export interface SendOutcome {
  status: 'sent' | 'already-sent' | 'reconciled';
  providerMessageId?: string;
}

/** Content the generate stage stored on the ledger row. */
export interface MessageContent {
  copy: EmailCopy;
  request: CopyRequest;
}

/**
 * Sends one ledger row at most once.
 *
 * 1. A row left in `sending` belongs to whoever claimed it until its lease ends; after that it is
 *    reconciled with the provider (by our message id) before anything is sent again.
 * 2. Consent and suppression are checked here, at send time, so an unsubscribe reaches queued emails.
 * 3. Quiet hours, the preferred hour and the frequency cap defer the job (recorded on the row), or
 *    skip it with a reason; nothing is dropped silently.
 * 4. The claim is a conditional update, so only one worker calls the provider per lease.
 */
export async function sendMessage(deps: SendDeps, messageId: string): Promise<SendOutcome> {
  const policy = deps.policy ?? DEFAULT_SEND_POLICY;
  const slots = deps.slots ?? createSendSlots(deps.models);
  const now = deps.now?.() ?? new Date();
  const message = deps.reads ? await deps.reads.message(messageId) : await deps.ledger.get(messageId);
  if (!message) throw new PermanentError(`message ${messageId} is not in the ledger`, 'unknown_message');
  if (message.state === 'sent')
    return { status: 'already-sent', providerMessageId: message.providerMessageId ?? undefined };
  if (message.state === 'skipped')
    throw new PermanentError(`message was skipped: ${message.skipReason}`, message.skipReason ?? 'skipped');
  const customerId = message.customerId.toString();

  let reclaim = false;
  if (message.state === 'sending') {
    if (message.leaseUntil && message.leaseUntil.getTime() > now.getTime()) {
      // Another worker (or our own crashed attempt) may be talking to the provider right now.
      throw new DeferredError(
        'send lease held by another attempt',
        new Date(message.leaseUntil.getTime() + 50),
      );
    }
    const found = await deps.transport.findByMessageId(messageId);
    if (found) {
      if (await deps.ledger.markSent(messageId, found.providerMessageId, deps.transport.name))
        await deps.onSent?.(message);
      deps.logger.info({ messageId }, 'reconciled a send whose outcome was unknown');
      return { status: 'reconciled', providerMessageId: found.providerMessageId };
    }
    reclaim = true;
  }
  const skip = async (reason: string, text: string): Promise<never> => {
    await deps.ledger.skip(messageId, reason, { afterReconcile: reclaim });
    await slots.release(customerId, messageId);
    throw new PermanentError(text, reason);
  };

  const customer = deps.reads
    ? await deps.reads.customer(customerId)
    : await deps.models.Customer.findById(message.customerId).lean();
  if (!customer) return skip('unknown_customer', 'customer no longer exists');
  if (!customer.marketingConsent) return skip('no_consent', 'customer has not consented to marketing email');
  const suppressed = deps.reads
    ? await deps.reads.suppression(customer.email)
    : await deps.models.Suppression.findOne({ email: customer.email.toLowerCase() }, { reason: 1 }).lean();
  if (suppressed)
    return skip(`suppressed:${suppressed.reason}`, `address is suppressed (${suppressed.reason})`);
  const content = message.content as MessageContent | undefined;
  if (!content?.copy || !content.request)
    throw new PermanentError('message has no generated content', 'no_content');

  const timezone = customer.timezone ?? 'UTC';
  const defer = async (reason: string, until: Date): Promise<never> => {
    await deps.ledger.defer(messageId, reason, until);
    throw new DeferredError(reason, until);
  };
  const quietEnd = quietHoursEnd(now, timezone, policy.quietStart, policy.quietEnd);
  if (quietEnd) return defer('quiet_hours', quietEnd);
  if (
    policy.preferredHour &&
    message.campaignType === 'weekly_digest' &&
    typeof customer.preferredSendHour === 'number' &&
    !message.preferredHourApplied
  ) {
    // Moved at most once, and never into quiet hours: a digest waits up to 24 h for the hour this shopper clicks in.
    await deps.ledger.update(messageId, { preferredHourApplied: true });
    const at = nextPreferredHour(now, timezone, customer.preferredSendHour);
    if (at && !isQuietHour(localHour(at, timezone), policy.quietStart, policy.quietEnd))
      return defer('preferred_hour', at);
  }
  const slot = await slots.take({ customerId, messageId, cap: policy.frequencyCap, now });
  if (!slot.ok) {
    if (slot.nextAt.getTime() - now.getTime() > policy.maxCapDeferMs) {
      return skip('frequency_cap', `frequency cap of ${policy.frequencyCap} per 7 days reached`);
    }
    return defer('frequency_cap', slot.nextAt);
  }

  const claimed = reclaim
    ? await deps.ledger.reclaim(messageId, policy.leaseMs, now)
    : await deps.ledger.claim(messageId, policy.leaseMs, now);
  if (!claimed) {
    const current = await deps.ledger.get(messageId);
    if (current?.state === 'sent')
      return { status: 'already-sent', providerMessageId: current.providerMessageId ?? undefined };
    if (current?.state === 'sending') {
      // Lost the claim race to another worker: come back when its lease ends.
      throw new DeferredError(
        'another worker claimed this send',
        new Date((current.leaseUntil ?? now).getTime() + 50),
      );
    }
    throw new PermanentError(`message is ${current?.state}`, 'not_sendable');
  }

  const token = signUnsubscribeToken(deps.settings.unsubscribeSecret, customerId, customer.email);
  const unsubscribe = unsubscribeUrl(deps.settings.publicUrl, token, messageId);
  const rendered = await renderEmail({
    copy: content.copy,
    request: content.request,
    unsubscribeUrl: unsubscribe,
    postalAddress: deps.settings.postalAddress,
  });
  try {
    const result = await deps.transport.send({
      messageId,
      to: customer.email,
      from: deps.settings.from,
      subject: content.copy.subject,
      html: rendered.html,
      text: rendered.text,
      headers: unsubscribeHeaders(unsubscribe),
      tags: [message.campaignType, `variant-${content.copy.variant}`].slice(0, 3),
      variables: {
        message_id: messageId,
        campaign_key: message.campaignKey,
        customer_id: customerId,
      },
    });
    if (await deps.ledger.markSent(messageId, result.providerMessageId, deps.transport.name))
      await deps.onSent?.(message);
    return { status: 'sent', providerMessageId: result.providerMessageId };
  } catch (err) {
    if (err instanceof PermanentError) {
      await deps.ledger.fail(messageId, err.message);
      await slots.release(customerId, messageId);
    } else if (err instanceof RateLimitedError) {
      await deps.ledger.release(messageId, err.message);
    } else {
      // 5xx, reset, timeout: the provider may have accepted it. The row stays `sending`; the retry
      // reconciles with the provider's events log first, after a short delay for that log to catch up.
      await deps.ledger.endLease(
        messageId,
        err instanceof Error ? err.message : String(err),
        policy.reconcileDelayMs,
      );
    }
    throw err;
  }
}

/** The send policy from config (used by the send job and scripts). */
export function sendPolicyFromConfig(config: {
  FREQUENCY_CAP_PER_7_DAYS: number;
  FREQUENCY_CAP_MAX_DEFER_HOURS: number;
  QUIET_HOURS_START: number;
  QUIET_HOURS_END: number;
  PREFERRED_SEND_HOUR: boolean;
  SEND_LEASE_MS: number;
  SEND_RECONCILE_DELAY_MS: number;
}): SendPolicy {
  return {
    frequencyCap: config.FREQUENCY_CAP_PER_7_DAYS,
    maxCapDeferMs: config.FREQUENCY_CAP_MAX_DEFER_HOURS * 3_600_000,
    quietStart: config.QUIET_HOURS_START,
    quietEnd: config.QUIET_HOURS_END,
    preferredHour: config.PREFERRED_SEND_HOUR,
    leaseMs: config.SEND_LEASE_MS,
    reconcileDelayMs: config.SEND_RECONCILE_DELAY_MS,
  };
}
