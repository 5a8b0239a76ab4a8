import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';

/**
 * When a shopper's job fails for good, the ledger row says so with the reason, so the campaign's
 * summary counts it and a re-run retries it; rows already skipped or sent keep their state.
 */
export async function recordFinalFailure(
  deps: PipelineDeps,
  data: { customerId: string; campaign: { key: string; type: string }; messageId?: string },
  reason: string,
): Promise<void> {
  const messageId = data.messageId ?? (await deps.ledger.reserve(data.customerId, data.campaign)).messageId;
  await deps.ledger.fail(messageId, reason);
}
