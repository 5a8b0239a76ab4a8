import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

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
  return {
    async reserve(customerId: string, campaign: { key: string; type: string }): Promise<Reservation> {
      const filter = { customerId: new Types.ObjectId(customerId), campaignKey: campaign.key };
      try {
        const res = await Message.updateOne(
          filter,
          { $setOnInsert: { campaignType: campaign.type, state: 'reserved', reservedAt: new Date() } },
          { upsert: true },
        );
        const doc = await Message.findOne(filter, { state: 1 }).lean();
        if (!doc) throw new Error('ledger row vanished after reservation');
        return { messageId: doc._id.toString(), state: doc.state ?? 'reserved', created: res.upsertedCount === 1 };
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
      await Message.updateOne({ _id: messageId }, { $set: fields });
    },

    async skip(messageId: string, reason: string): Promise<void> {
      await Message.updateOne(
        { _id: messageId, state: { $in: ['reserved', 'failed'] } },
        { $set: { state: 'skipped', skipReason: reason } },
      );
    },

    /** reserved|failed -> sending. Returns false when another state holds (sent, skipped, or sending). */
    async claim(messageId: string): Promise<boolean> {
      const res = await Message.updateOne(
        { _id: messageId, state: { $in: ['reserved', 'failed'] } },
        { $set: { state: 'sending', sendingAt: new Date() }, $inc: { attempts: 1 } },
      );
      return res.modifiedCount === 1;
    },

    /** sending -> sending again, after reconciliation found no trace of the earlier attempt. */
    async reclaim(messageId: string): Promise<boolean> {
      const res = await Message.updateOne(
        { _id: messageId, state: 'sending' },
        { $set: { sendingAt: new Date() }, $inc: { attempts: 1 } },
      );
      return res.modifiedCount === 1;
    },

    async markSent(messageId: string, providerMessageId: string, transport: string): Promise<void> {
      await Message.updateOne(
        { _id: messageId, state: { $in: ['sending', 'reserved', 'failed'] } },
        { $set: { state: 'sent', sentAt: new Date(), providerMessageId, transport } },
      );
    },

    /** sending -> reserved when the provider certainly did not accept it (throttled, 5xx answer). */
    async release(messageId: string, error: string): Promise<void> {
      await Message.updateOne({ _id: messageId, state: 'sending' }, { $set: { state: 'reserved', error } });
    },

    async fail(messageId: string, error: string): Promise<void> {
      await Message.updateOne({ _id: messageId, state: { $ne: 'sent' } }, { $set: { state: 'failed', error } });
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
