import { Types, type mongo } from 'mongoose';

type ModifyResult<T> = mongo.ModifyResult<T>;
import type { Models } from '../db/models/index.js';
import type { MessageState } from '../db/models/message.model.js';

export interface Reservation {
  messageId: string;
  state: string;
  /** True when this call created the row; false when the campaign already reached this shopper's ledger. */
  created: boolean;
}

/**
 * The send ledger's state machine: reserved -> sending -> sent | failed, or skipped with a reason.
 * A unique (customer, campaign key) index makes the reservation race-free across workers and runs.
 */
export function createLedger(models: Models) {
  const { Message } = models;

  // Plain field updates from concurrent jobs go out as one unordered bulkWrite per tick; each caller
  // resumes once the batch is stored (a failed batch fails every caller, and $set is safe to retry).
  let updates: Array<{ id: string; fields: Record<string, unknown>; ok(): void; fail(e: unknown): void }> =
    [];
  function flushUpdates(): void {
    const batch = updates;
    updates = [];
    Message.bulkWrite(
      batch.map((u) => ({ updateOne: { filter: { _id: u.id }, update: { $set: u.fields } } })),
      { ordered: false },
    ).then(
      () => batch.forEach((u) => u.ok()),
      (err: unknown) => batch.forEach((u) => u.fail(err)),
    );
  }

  return {
    async reserve(customerId: string, campaign: { key: string; type: string }): Promise<Reservation> {
      const filter = { customerId: new Types.ObjectId(customerId), campaignKey: campaign.key };
      try {
        // One round trip: upsert and read back the row (ours or the one already there).
        const res = (await Message.findOneAndUpdate(
          filter,
          { $setOnInsert: { campaignType: campaign.type, state: 'reserved', reservedAt: new Date() } },
          {
            upsert: true,
            returnDocument: 'after',
            projection: { state: 1 },
            includeResultMetadata: true,
            lean: true,
          },
        )) as unknown as ModifyResult<{ _id: Types.ObjectId; state?: string }>;
        const doc = res.value;
        if (!doc) throw new Error('ledger row vanished after reservation');
        return {
          messageId: doc._id.toString(),
          state: doc.state ?? 'reserved',
          created: res.lastErrorObject?.updatedExisting === false,
        };
      } catch (err) {
        // Two workers upserting the same key at once: the loser sees 11000 and reads the winner's row.
        if ((err as { code?: number }).code !== 11000) throw err;
        const doc = await Message.findOne(filter, { state: 1 }).lean();
        if (!doc) throw err;
        return { messageId: doc._id.toString(), state: doc.state ?? 'reserved', created: false };
      }
    },

    async get(messageId: string) {
      return Message.findById(messageId).lean();
    },

    async update(messageId: string, fields: Record<string, unknown>): Promise<void> {
      await new Promise<void>((ok, fail) => {
        updates.push({ id: messageId, fields, ok, fail });
        if (updates.length === 1) setImmediate(flushUpdates);
      });
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
    async claim(messageId: string, leaseMs: number, now = new Date()): Promise<boolean> {
      const res = await Message.updateOne(
        { _id: messageId, state: { $in: ['reserved', 'failed'] } },
        {
          $set: { state: 'sending', sendingAt: now, leaseUntil: new Date(now.getTime() + leaseMs) },
          $inc: { attempts: 1 },
        },
      );
      return res.modifiedCount === 1;
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
    async markSent(messageId: string, providerMessageId: string, transport: string): Promise<boolean> {
      const res = await Message.updateOne(
        { _id: messageId, state: { $in: ['sending', 'reserved', 'failed'] } },
        {
          $set: { state: 'sent', sentAt: new Date(), providerMessageId, transport },
          $unset: { leaseUntil: 1, deferReason: 1, deferredUntil: 1, error: 1 },
        },
      );
      return res.modifiedCount === 1;
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
