import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { cellOf, type CellCounts, type ReportCell } from './report-rows.js';

/** Orders credited per round trip for their messages' cells, unless the caller says otherwise. */
export const ORDER_CHUNK = 1000;

/** 1 when the ledger field holds a timestamp, else 0 (what `if (m.openedAt)` counts in process). */
const isSet = (field: string) => ({ $cond: [{ $ifNull: [`$${field}`, false] }, 1, 0] });

/**
 * Sent messages counted per (campaign, segment, variant) by the database: the match leads with
 * campaignKey and state so it reads the {campaignKey, state} index, and only the cells come back.
 */
export async function countSentByCell(
  models: Models,
  campaign: string | undefined,
): Promise<Array<{ cell: ReportCell; counts: CellCounts }>> {
  const groups = await models.Message.aggregate<{ _id: ReportCell } & CellCounts>([
    { $match: { ...(campaign ? { campaignKey: campaign } : {}), state: 'sent' } },
    {
      $project: {
        _id: 0,
        campaignKey: 1,
        segmentName: 1,
        variant: 1,
        deliveredAt: 1,
        openedAt: 1,
        clickedAt: 1,
        unsubscribedAt: 1,
        complainedAt: 1,
      },
    },
    {
      $group: {
        _id: {
          campaign: '$campaignKey',
          segment: { $ifNull: ['$segmentName', 'unknown'] },
          variant: { $ifNull: ['$variant', 'unknown'] },
        },
        sent: { $sum: 1 },
        delivered: { $sum: isSet('deliveredAt') },
        opened: { $sum: isSet('openedAt') },
        clicked: { $sum: isSet('clickedAt') },
        unsubscribes: { $sum: isSet('unsubscribedAt') },
        complaints: { $sum: isSet('complainedAt') },
      },
    },
  ]);
  return groups.map(({ _id, sent, delivered, opened, clicked, unsubscribes, complaints }) => ({
    cell: { campaign: _id.campaign, segment: _id.segment, variant: _id.variant },
    counts: { sent, delivered, opened, clicked, unsubscribes, complaints },
  }));
}

/**
 * Streams attributed orders in the order the database returns them and hands each one whose
 * message is sent (and in the campaign, when one is named) to `credit` with that message's cell.
 * Messages are looked up by _id a chunk of orders at a time, so memory stays at one chunk.
 */
export async function forEachAttributedOrder(
  models: Models,
  campaign: string | undefined,
  credit: (cell: ReportCell, total: number) => void,
  chunkSize = ORDER_CHUNK,
): Promise<void> {
  const cursor = models.Order.find(
    { attributedMessageId: { $ne: null } },
    { attributedMessageId: 1, total: 1 },
  )
    .lean()
    .cursor({ batchSize: chunkSize });
  let chunk: Array<{ messageId: Types.ObjectId; total: number }> = [];
  const flush = async () => {
    const orders = chunk;
    chunk = [];
    if (orders.length === 0) return;
    const messages = await models.Message.find(
      {
        _id: { $in: orders.map((o) => o.messageId) },
        state: 'sent',
        ...(campaign ? { campaignKey: campaign } : {}),
      },
      { campaignKey: 1, segmentName: 1, variant: 1 },
    ).lean();
    const cells = new Map(messages.map((m) => [m._id.toString(), cellOf(m)]));
    for (const o of orders) {
      const cell = cells.get(o.messageId.toString());
      if (cell) credit(cell, o.total);
    }
  };
  for await (const o of cursor) {
    if (!o.attributedMessageId) continue;
    chunk.push({ messageId: o.attributedMessageId, total: o.total });
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
}
