import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { Bandits } from './bandit-store.js';

const DAY = 86_400_000;

export interface AttributionDeps {
  models: Models;
  bandits: Bandits;
  windowDays: number;
}

/**
 * Last click wins: an order placed within the window after a click on one of our emails credits
 * that email (Order.attributedMessageId, set once), and rewards its bandit arms once.
 */
export async function attributeOrder(
  deps: AttributionDeps,
  orderExternalId: string,
): Promise<string | undefined> {
  const { Order, Message } = deps.models;
  const order = await Order.findOne(
    { externalId: orderExternalId },
    { customerId: 1, at: 1, attributedMessageId: 1 },
  ).lean();
  if (!order) return undefined;
  if (order.attributedMessageId) return order.attributedMessageId.toString();
  const since = new Date(order.at.getTime() - deps.windowDays * DAY);
  const message = await Message.findOne(
    { customerId: order.customerId, clickedAt: { $gte: since, $lte: order.at } },
    { _id: 1 },
  )
    .sort({ clickedAt: -1 })
    .lean();
  if (!message) return undefined;
  return credit(deps, order._id, message._id);
}

/** A click that arrives after the order it led to (webhooks can lag): credit unattributed orders in the window. */
export async function attributeOrdersAfterClick(
  deps: AttributionDeps,
  message: { _id: Types.ObjectId; customerId: Types.ObjectId },
  clickedAt: Date,
): Promise<number> {
  const orders = await deps.models.Order.find(
    {
      customerId: message.customerId,
      at: { $gte: clickedAt, $lte: new Date(clickedAt.getTime() + deps.windowDays * DAY) },
      attributedMessageId: null,
    },
    { _id: 1 },
  ).lean();
  let credited = 0;
  for (const o of orders) if (await credit(deps, o._id, message._id)) credited += 1;
  return credited;
}

async function credit(
  deps: AttributionDeps,
  orderId: Types.ObjectId,
  messageId: Types.ObjectId,
): Promise<string | undefined> {
  const res = await deps.models.Order.updateOne(
    { _id: orderId, attributedMessageId: null },
    { $set: { attributedMessageId: messageId } },
  );
  if (res.modifiedCount !== 1) return undefined;
  await deps.bandits.reward(messageId.toString(), 'purchase');
  return messageId.toString();
}
