import { Types } from 'mongoose';
import { duplicateKeyWriteErrors } from '../db/duplicate-keys.js';
import type { Models } from '../db/models/index.js';
import { createTickBatcher } from '../shared/tick-batcher.js';

export const CAP_WINDOW_MS = 7 * 86_400_000;

export type SlotResult = { ok: true } | { ok: false; nextAt: Date };

interface SlotRequest {
  customerId: string;
  messageId: string;
  cap: number;
  now: Date;
}

function slotFree(customerId: Types.ObjectId, messageId: Types.ObjectId, cap: number) {
  return { customerId, 'slots.messageId': { $ne: messageId }, [`slots.${cap - 1}`]: { $exists: false } };
}

/**
 * A shopper's marketing send slots, across all campaigns. A slot is pushed by a single conditional
 * update (fewer than `cap` slots, none for this message), so two workers racing for the last slot
 * cannot both win. Taking a slot twice for one message is a no-op.
 */
export function createSendSlots(models: Models) {
  const { SendWindow } = models;

  // Fast path for the jobs of one tick, two round trips in all: push into each window with room even
  // counting expired slots (or create the window), then read back which messages hold a slot. A
  // full window, or a racing upsert, fails on the unique index and that message takes the full path.
  const fastPath = createTickBatcher(async (items: SlotRequest[]) => {
    const ids = items.map((i) => ({
      customerId: new Types.ObjectId(i.customerId),
      messageId: new Types.ObjectId(i.messageId),
    }));
    try {
      await SendWindow.bulkWrite(
        items.map((item, n) => ({
          updateOne: {
            filter: slotFree(ids[n]!.customerId, ids[n]!.messageId, item.cap),
            update: { $push: { slots: { messageId: ids[n]!.messageId, at: item.now } } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (err) {
      if (!duplicateKeyWriteErrors(err)) throw err;
    }
    const windows = await SendWindow.find(
      {
        customerId: { $in: ids.map((i) => i.customerId) },
        'slots.messageId': { $in: ids.map((i) => i.messageId) },
      },
      { customerId: 1, slots: 1 },
    ).lean();
    const held = new Set(
      windows.flatMap((w) => w.slots.map((s) => `${w.customerId.toString()}|${s.messageId.toString()}`)),
    );
    return items.map((i) => held.has(`${i.customerId}|${i.messageId}`));
  });

  async function fullPath(input: SlotRequest): Promise<SlotResult> {
    const customerId = new Types.ObjectId(input.customerId);
    const messageId = new Types.ObjectId(input.messageId);
    try {
      await SendWindow.updateOne(
        { customerId },
        { $setOnInsert: { customerId, slots: [] } },
        { upsert: true },
      );
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const since = new Date(input.now.getTime() - CAP_WINDOW_MS);
    await SendWindow.updateOne({ customerId }, { $pull: { slots: { at: { $lte: since } } } });
    const res = await SendWindow.updateOne(slotFree(customerId, messageId, input.cap), {
      $push: { slots: { messageId, at: input.now } },
    });
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

  return {
    /** Takes a slot for this message, or says when the next one frees up. */
    async take(input: SlotRequest): Promise<SlotResult> {
      return (await fastPath(input)) ? { ok: true } : fullPath(input);
    },

    /** Gives a slot back when its message will certainly not be sent (permanent failure, skip). */
    async release(customerId: string, messageId: string): Promise<void> {
      await SendWindow.updateOne(
        { customerId: new Types.ObjectId(customerId) },
        { $pull: { slots: { messageId: new Types.ObjectId(messageId) } } },
      );
    },
  };
}

export type SendSlots = ReturnType<typeof createSendSlots>;
