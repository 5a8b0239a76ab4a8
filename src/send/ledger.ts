import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { MessageState } from '../db/models/message.model.js';
import { createTickBatcher } from '../shared/tick-batcher.js';
import {
  claimMany,
  markSentMany,
  reserveMany,
  type ClaimItem,
  type Reservation,
  type MarkSentItem,
  type ReserveItem,
} from './ledger-batches.js';

export type { Reservation } from './ledger-batches.js';

/** Fields a stage sets on its ledger row, already in their stored types (written without casting). */
export interface LedgerFields {
  content?: { copy: unknown; request: unknown };
  subject?: string;
  variant?: string;
  generator?: string;
  locale?: string;
  segment?: number | null;
  segmentName?: string;
  productIds?: Types.ObjectId[];
  recommendationStrategy?: string;
  preferredHourApplied?: boolean;
}

/**
 * The send ledger's state machine: reserved -> sending -> sent | failed, or skipped with a reason.
 * A unique (customer, campaign key) index makes the reservation race-free across workers and runs.
 */
export function createLedger(models: Models) {
  const { Message } = models;

  // Calls from concurrent jobs in one tick go out together: a handful of round trips per batch
  // instead of one or two per email. Each caller still gets its own row's answer.
  const reserveBatch = createTickBatcher((items: ReserveItem[]) => reserveMany(Message, items));
  const claimBatch = createTickBatcher((items: ClaimItem[]) => claimMany(Message, items));
  const markSentBatch = createTickBatcher((items: MarkSentItem[]) => markSentMany(Message, items));
  // Plain field updates: one unordered bulkWrite per tick ($set is safe to retry). It goes to the
  // driver directly: the fields are typed, and mongoose's casting walked every email's whole
  // content object (4% of the send worker's main thread in bench:pipeline).
  const updateBatch = createTickBatcher(async (items: Array<{ id: string; fields: LedgerFields }>) => {
    await Message.collection.bulkWrite(
      items.map((u) => ({
        updateOne: { filter: { _id: new Types.ObjectId(u.id) }, update: { $set: u.fields } },
      })),
      // Optional fields left undefined stay absent, as they did through mongoose.
      { ordered: false, ignoreUndefined: true },
    );
    return items.map(() => undefined);
  });

  return {
    /** The shopper's row for this campaign, created `reserved` unless one exists. */
    reserve(customerId: string, campaign: { key: string; type: string }): Promise<Reservation> {
      return reserveBatch({ customerId, campaign });
    },

    async get(messageId: string) {
      return Message.findById(messageId).lean();
    },

    async update(messageId: string, fields: LedgerFields): Promise<void> {
      await updateBatch({ id: messageId, fields });
    },

    /**
     * -> skipped with a reason. A row in `sending` is only skipped when the caller has just
     * reconciled it with the provider (`afterReconcile`), since it may otherwise be on its way out.
     */
    async skip(messageId: string, reason: string, opts: { afterReconcile?: boolean } = {}): Promise<void> {
      const from: MessageState[] = opts.afterReconcile
        ? ['reserved', 'failed', 'sending']
        : ['reserved', 'failed'];
      await Message.updateOne(
        { _id: messageId, state: { $in: from } },
        { $set: { state: 'skipped', skipReason: reason } },
      );
    },

    /** Records why and until when a send was put off, so a deferred email is never silently lost. */
    async defer(messageId: string, reason: string, until: Date): Promise<void> {
      await Message.updateOne({ _id: messageId }, { $set: { deferReason: reason, deferredUntil: until } });
    },

    /**
     * reserved|failed -> sending, holding a lease until now + leaseMs. Returns false when another
     * state holds (sent, skipped, or sending by someone else).
     */
    claim(messageId: string, leaseMs: number, now = new Date()): Promise<boolean> {
      return claimBatch({ messageId, leaseMs, now });
    },

    /**
     * sending -> sending again after reconciliation found no trace of the earlier attempt. Only when
     * the earlier lease expired, and compare-and-set on it, so two re-runs cannot both re-send.
     */
    async reclaim(messageId: string, leaseMs: number, now = new Date()): Promise<boolean> {
      const res = await Message.updateOne(
        { _id: messageId, state: 'sending', $or: [{ leaseUntil: { $lte: now } }, { leaseUntil: null }] },
        { $set: { sendingAt: now, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
      );
      return res.modifiedCount === 1;
    },

    /**
     * The provider call ended without a definite answer (5xx, reset, timeout): the row stays
     * `sending` (it may have been accepted) and may be reconciled by anyone after `delayMs`.
     */
    async endLease(messageId: string, error: string, delayMs: number, now = new Date()): Promise<void> {
      await Message.updateOne(
        { _id: messageId, state: 'sending' },
        { $set: { leaseUntil: new Date(now.getTime() + delayMs), error } },
      );
    },

    /** -> sent. True when this call made the transition (so side effects run once). */
    markSent(messageId: string, providerMessageId: string, transport: string): Promise<boolean> {
      return markSentBatch({ messageId, providerMessageId, transport });
    },

    /** sending -> reserved when the provider certainly did not accept it (throttled). */
    async release(messageId: string, error: string): Promise<void> {
      await Message.updateOne(
        { _id: messageId, state: 'sending' },
        { $set: { state: 'reserved', error }, $unset: { leaseUntil: 1 } },
      );
    },

    async fail(messageId: string, error: string): Promise<void> {
      await Message.updateOne(
        { _id: messageId, state: { $in: ['reserved', 'sending', 'failed'] } },
        { $set: { state: 'failed', error } },
      );
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
