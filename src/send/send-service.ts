import type { Models } from '../db/models/index.js';
import { PermanentError, RateLimitedError } from '../errors.js';
import { renderEmail } from '../generate/render/index.js';
import type { CopyRequest, EmailCopy } from '../generate/types.js';
import type { Logger } from '../logger.js';
import type { Ledger } from './ledger.js';
import type { Transport } from './transports/index.js';
import { unsubscribeHeaders } from './unsubscribe-headers.js';
import { signUnsubscribeToken, unsubscribeUrl } from './unsubscribe-token.js';

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
 * Sends one ledger row at most once. Consent and suppression are checked here, at send time, so an
 * unsubscribe reaches emails already queued. A row left in `sending` by a crashed worker is
 * reconciled against the provider before anything is sent again.
 */
export async function sendMessage(deps: SendDeps, messageId: string): Promise<SendOutcome> {
  const message = await deps.ledger.get(messageId);
  if (!message) throw new PermanentError(`message ${messageId} is not in the ledger`, 'unknown_message');
  if (message.state === 'sent') return { status: 'already-sent', providerMessageId: message.providerMessageId ?? undefined };
  if (message.state === 'skipped') throw new PermanentError(`message was skipped: ${message.skipReason}`, message.skipReason ?? 'skipped');

  const customer = await deps.models.Customer.findById(message.customerId).lean();
  if (!customer) {
    await deps.ledger.skip(messageId, 'unknown_customer');
    throw new PermanentError('customer no longer exists', 'unknown_customer');
  }
  if (!customer.marketingConsent) {
    await deps.ledger.skip(messageId, 'no_consent');
    throw new PermanentError('customer has not consented to marketing email', 'no_consent');
  }
  const suppressed = await deps.models.Suppression.findOne({ email: customer.email.toLowerCase() }, { reason: 1 }).lean();
  if (suppressed) {
    await deps.ledger.skip(messageId, `suppressed:${suppressed.reason}`);
    throw new PermanentError(`address is suppressed (${suppressed.reason})`, 'suppressed');
  }
  const content = message.content as MessageContent | undefined;
  if (!content?.copy || !content.request) throw new PermanentError('message has no generated content', 'no_content');

  if (!(await deps.ledger.claim(messageId))) {
    const current = await deps.ledger.get(messageId);
    if (current?.state === 'sent') return { status: 'already-sent', providerMessageId: current.providerMessageId ?? undefined };
    if (current?.state !== 'sending') throw new PermanentError(`message is ${current?.state}`, 'not_sendable');
    // A previous attempt died between the provider call and the ledger update: ask the provider.
    const found = await deps.transport.findByMessageId(messageId);
    if (found) {
      await deps.ledger.markSent(messageId, found.providerMessageId, deps.transport.name);
      deps.logger.info({ messageId }, 'reconciled a send whose outcome was unknown');
      return { status: 'reconciled', providerMessageId: found.providerMessageId };
    }
    await deps.ledger.reclaim(messageId);
  }

  const token = signUnsubscribeToken(deps.settings.unsubscribeSecret, customer._id.toString(), customer.email);
  const unsubscribe = unsubscribeUrl(deps.settings.publicUrl, token);
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
        customer_id: customer._id.toString(),
      },
    });
    await deps.ledger.markSent(messageId, result.providerMessageId, deps.transport.name);
    return { status: 'sent', providerMessageId: result.providerMessageId };
  } catch (err) {
    if (err instanceof PermanentError) await deps.ledger.fail(messageId, err.message);
    else if (err instanceof RateLimitedError) await deps.ledger.release(messageId, err.message);
    // Anything else (5xx, connection reset mid-request) leaves the row in `sending`: the retry
    // reconciles with the provider first, because a reset can hide an accepted message.
    throw err;
  }
}
