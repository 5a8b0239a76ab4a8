import { Types } from 'mongoose';
import { duplicateKeyWriteErrors } from '../db/duplicate-keys.js';
import type { Models } from '../db/models/index.js';

type MessageModel = Models['Message'];

export interface Reservation {
  messageId: string;
  state: string;
  /** True when this call created the row; false when the campaign already reached this shopper's ledger. */
  created: boolean;
}

export interface ReserveItem {
  customerId: string;
  campaign: { key: string; type: string };
}
export interface ClaimItem {
  messageId: string;
  leaseMs: number;
  now: Date;
}
export interface MarkSentItem {
  messageId: string;
  providerMessageId: string;
  transport: string;
}

/**
 * Upserts every shopper's (customer, campaign) row, then reads them all back: two round trips for
 * the whole batch. A racing worker's upsert of the same key loses on the unique index and reads the
 * winner's row, exactly as a single upsert would.
 */
export async function reserveMany(Message: MessageModel, items: ReserveItem[]): Promise<Reservation[]> {
  const reservedAt = new Date();
  const ops = items.map(({ customerId, campaign }) => ({
    updateOne: {
      filter: { customerId: new Types.ObjectId(customerId), campaignKey: campaign.key },
      update: { $setOnInsert: { campaignType: campaign.type, state: 'reserved', reservedAt } },
      upsert: true,
    },
  }));
  let upserted: Record<number, unknown>;
  try {
    upserted = (await Message.bulkWrite(ops, { ordered: false })).upsertedIds ?? {};
  } catch (err) {
    // Racing upserts of the same key lose on the unique index: the read below finds the winner's row.
    if (!duplicateKeyWriteErrors(err)) throw err;
    upserted = (err as { result?: { upsertedIds?: Record<number, unknown> } }).result?.upsertedIds ?? {};
  }
  const byCampaign = new Map<string, Types.ObjectId[]>();
  for (const { customerId, campaign } of items) {
    const ids = byCampaign.get(campaign.key) ?? [];
    ids.push(new Types.ObjectId(customerId));
    byCampaign.set(campaign.key, ids);
  }
  // One campaign per batch is the rule (a fan-out); a plain filter keeps the lookup on the unique
  // index, where an $or would not be on every server.
  const filters = [...byCampaign].map(([campaignKey, ids]) => ({ customerId: { $in: ids }, campaignKey }));
  const rows = await Message.find(filters.length === 1 ? filters[0]! : { $or: filters }, {
    state: 1,
    customerId: 1,
    campaignKey: 1,
  }).lean();
  const byKey = new Map(rows.map((r) => [`${r.customerId.toString()}|${r.campaignKey}`, r]));
  return items.map(({ customerId, campaign }, i) => {
    const row = byKey.get(`${customerId}|${campaign.key}`);
    if (!row) throw new Error('ledger row vanished after reservation');
    return { messageId: row._id.toString(), state: row.state ?? 'reserved', created: i in upserted };
  });
}

/**
 * The rows this batch's write moved carry its token; every other row (already sent, claimed by
 * someone else) does not. Within the batch only the first caller of a row is told it moved it, so
 * two jobs of one process racing for one row cannot both go ahead.
 */
async function movedByToken(Message: MessageModel, ids: string[], token: string): Promise<boolean[]> {
  const moved = new Set(
    (await Message.find({ _id: { $in: ids }, writeToken: token }, { _id: 1 }).lean()).map((d) =>
      d._id.toString(),
    ),
  );
  return ids.map((id) => moved.delete(id));
}

/**
 * reserved|failed -> sending for every row of the batch in one conditional update, each holding a
 * lease from the batch's latest `now`. Returns, per item, whether that caller owns the claim.
 */
export async function claimMany(Message: MessageModel, items: ClaimItem[]): Promise<boolean[]> {
  const token = new Types.ObjectId().toHexString();
  const sendingAt = new Date(Math.max(...items.map((i) => i.now.getTime())));
  const byLease = new Map<number, string[]>();
  for (const i of items) byLease.set(i.leaseMs, [...(byLease.get(i.leaseMs) ?? []), i.messageId]);
  for (const [leaseMs, ids] of byLease) {
    await Message.updateMany(
      { _id: { $in: ids }, state: { $in: ['reserved', 'failed'] } },
      {
        $set: {
          state: 'sending',
          sendingAt,
          leaseUntil: new Date(sendingAt.getTime() + leaseMs),
          writeToken: token,
        },
        $inc: { attempts: 1 },
      },
    );
  }
  return movedByToken(
    Message,
    items.map((i) => i.messageId),
    token,
  );
}

/** -> sent for every row of the batch; per item, whether that call made the transition. */
export async function markSentMany(Message: MessageModel, items: MarkSentItem[]): Promise<boolean[]> {
  const token = new Types.ObjectId().toHexString();
  const sentAt = new Date();
  await Message.bulkWrite(
    items.map((i) => ({
      updateOne: {
        filter: { _id: i.messageId, state: { $in: ['sending', 'reserved', 'failed'] } },
        update: {
          $set: {
            state: 'sent',
            sentAt,
            providerMessageId: i.providerMessageId,
            transport: i.transport,
            writeToken: token,
          },
          $unset: { leaseUntil: 1, deferReason: 1, deferredUntil: 1, error: 1 },
        },
      },
    })),
    { ordered: false },
  );
  return movedByToken(
    Message,
    items.map((i) => i.messageId),
    token,
  );
}
