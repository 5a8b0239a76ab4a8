import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

export const CAP_WINDOW_MS = 7 * 86_400_000;

export type SlotResult = { ok: true } | { ok: false; nextAt: Date };

/**
 * Takes one of the shopper's marketing send slots for this message, across all campaigns. The slot
 * is pushed by a single conditional update (fewer than `cap` slots, none for this message), so two
 * workers racing for the last slot cannot both win. Taking a slot twice for one message is a no-op.
 */
export async function takeSendSlot(
  models: Models,
  input: { customerId: string; messageId: string; cap: number; now: Date },
): Promise<SlotResult> {
  const { SendWindow } = models;
  const customerId = new Types.ObjectId(input.customerId);
  const messageId = new Types.ObjectId(input.messageId);
  const slotFree = {
    customerId,
    'slots.messageId': { $ne: messageId },
    [`slots.${input.cap - 1}`]: { $exists: false },
  };
  // Fast path, one round trip: push into a window with room even counting expired slots (or create
  // the window). Whenever that succeeds the full path below would have succeeded too; a full window,
  // or one already holding this message, fails on the unique index and takes the full path.
  try {
    const res = await SendWindow.updateOne(
      slotFree,
      { $push: { slots: { messageId, at: input.now } } },
      { upsert: true },
    );
    if (res.modifiedCount === 1 || res.upsertedCount === 1) return { ok: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  try {
    await SendWindow.updateOne({ customerId }, { $setOnInsert: { customerId, slots: [] } }, { upsert: true });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const since = new Date(input.now.getTime() - CAP_WINDOW_MS);
  await SendWindow.updateOne({ customerId }, { $pull: { slots: { at: { $lte: since } } } });
  const res = await SendWindow.updateOne(slotFree, { $push: { slots: { messageId, at: input.now } } });
  if (res.modifiedCount === 1) return { ok: true };
  const doc = await SendWindow.findOne({ customerId }).lean();
  const slots = doc?.slots ?? [];
  if (slots.some((s) => s.messageId.equals(messageId))) return { ok: true };
  const oldest = Math.min(...slots.map((s) => s.at.getTime()));
  return {
    ok: false,
    nextAt: new Date((Number.isFinite(oldest) ? oldest : input.now.getTime()) + CAP_WINDOW_MS + 1000),
  };
}

/** Gives a slot back when its message will certainly not be sent (permanent failure, skip). */
export async function releaseSendSlot(models: Models, customerId: string, messageId: string): Promise<void> {
  await models.SendWindow.updateOne(
    { customerId: new Types.ObjectId(customerId) },
    { $pull: { slots: { messageId: new Types.ObjectId(messageId) } } },
  );
}
