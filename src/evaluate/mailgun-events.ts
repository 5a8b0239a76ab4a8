import { Types } from 'mongoose';
import { z } from 'zod';
import type { Models } from '../db/models/index.js';
import type { EventType } from '../db/models/event.model.js';
import { localHour, preferredHourFromClicks } from '../send/send-timing.js';
import { attributeOrdersAfterClick } from './attribution.js';
import type { Bandits } from './bandit-store.js';

/** The parts of a Mailgun webhook we use; unknown fields pass through untouched. */
export const MailgunWebhookSchema = z.object({
  signature: z.object({
    timestamp: z.union([z.string(), z.number()]).transform(String),
    token: z.string().min(1).max(256),
    signature: z.string().max(128),
  }),
  'event-data': z
    .object({
      id: z.string().min(1).max(200),
      event: z.string().min(1).max(40),
      timestamp: z.number(),
      severity: z.string().optional(),
      url: z.string().optional(),
      reason: z.string().optional(),
      'user-variables': z.record(z.string(), z.unknown()).optional(),
    })
    .passthrough(),
});
export type MailgunWebhook = z.infer<typeof MailgunWebhookSchema>;
export type MailgunEventData = MailgunWebhook['event-data'];

const EVENT_TYPES: Record<string, EventType> = {
  delivered: 'email_delivered',
  opened: 'email_opened',
  clicked: 'email_clicked',
  unsubscribed: 'email_unsubscribed',
  complained: 'email_complained',
  failed: 'email_failed',
};

export interface EventDeps {
  models: Models;
  bandits: Bandits;
  attributionWindowDays: number;
  /** Called after a complaint or a permanent failure (the circuit breaker re-checks its rates). */
  onDeliverabilityEvent?(): Promise<void>;
}

export interface EventOutcome {
  status: 'applied' | 'duplicate' | 'ignored';
  type?: EventType;
  reason?: string;
}

/**
 * Applies one verified provider event: ledger timestamps, suppression, bandit rewards, attribution
 * and the preferred send hour first (each idempotent), then the Event document keyed by the
 * provider's event id, so a redelivery (or a crash in between) changes nothing twice.
 */
export async function applyMailgunEvent(deps: EventDeps, ev: MailgunEventData): Promise<EventOutcome> {
  const type = EVENT_TYPES[ev.event];
  if (!type) return { status: 'ignored', reason: `event ${ev.event} not tracked` };
  const messageId = ev['user-variables']?.message_id;
  if (typeof messageId !== 'string' || !/^[a-f0-9]{24}$/.test(messageId))
    return { status: 'ignored', reason: 'no message_id' };
  const { Message, Event, Suppression, Customer } = deps.models;
  const message = await Message.findById(messageId, { customerId: 1, campaignType: 1 }).lean();
  if (!message) return { status: 'ignored', reason: 'unknown message' };
  const sourceId = `mailgun:${ev.id}`;
  if (await Event.exists({ sourceId })) return { status: 'duplicate', type };

  const at = new Date(ev.timestamp * 1000);
  const firstTime = async (field: string) => {
    await Message.updateOne({ _id: message._id, [field]: null }, { $set: { [field]: at } });
  };
  const suppress = async (reason: 'unsubscribed' | 'complained' | 'bounced') => {
    const customer = await Customer.findById(message.customerId, { email: 1 }).lean();
    if (!customer) return;
    const email = customer.email.toLowerCase();
    await Suppression.updateOne(
      { email },
      { $setOnInsert: { email, reason, customerId: customer._id, at } },
      { upsert: true },
    ).catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err;
    });
    if (reason !== 'bounced')
      await Customer.updateOne({ _id: customer._id }, { $set: { marketingConsent: false } });
  };

  let productId: Types.ObjectId | undefined;
  const permanent = ev.event === 'failed' && ev.severity === 'permanent';
  switch (ev.event) {
    case 'delivered':
      await firstTime('deliveredAt');
      break;
    case 'opened':
      await firstTime('openedAt');
      break;
    case 'clicked': {
      await firstTime('clickedAt');
      productId = ev.url ? await productForUrl(deps.models, ev.url) : undefined;
      await deps.bandits.reward(messageId, 'click');
      await attributeOrdersAfterClick(
        { models: deps.models, bandits: deps.bandits, windowDays: deps.attributionWindowDays },
        { _id: message._id, customerId: message.customerId },
        at,
      );
      await learnPreferredHour(deps.models, message.customerId, at);
      break;
    }
    case 'unsubscribed':
      await firstTime('unsubscribedAt');
      await suppress('unsubscribed');
      break;
    case 'complained':
      await firstTime('complainedAt');
      await suppress('complained');
      break;
    case 'failed':
      if (permanent) {
        await firstTime('bouncedAt');
        await suppress('bounced');
      }
      break;
  }

  try {
    await Event.create({
      customerId: message.customerId,
      type,
      messageId: message._id,
      at,
      sourceId,
      ...(productId ? { productId } : {}),
      ...(ev.event === 'failed' ? { value: permanent ? 1 : 0 } : {}),
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return { status: 'duplicate', type };
    throw err;
  }
  if (ev.event === 'complained' || permanent) await deps.onDeliverabilityEvent?.();
  return { status: 'applied', type };
}

/** A clicked link names a product when it is the product's URL (query and fragment ignored). */
async function productForUrl(models: Models, url: string): Promise<Types.ObjectId | undefined> {
  const bare = url.split(/[?#]/)[0] ?? url;
  const product = await models.Product.findOne({ url: bare }, { _id: 1 }).lean();
  return product?._id;
}

/** Recomputes the shopper's preferred local send hour from their recent clicks (this one included). */
async function learnPreferredHour(models: Models, customerId: Types.ObjectId, clickAt: Date): Promise<void> {
  const customer = await models.Customer.findById(customerId, { timezone: 1 }).lean();
  if (!customer) return;
  const since = new Date(clickAt.getTime() - 180 * 86_400_000);
  const clicks = await models.Event.find(
    { customerId, type: 'email_clicked', at: { $gte: since } },
    { at: 1 },
  )
    .sort({ at: -1 })
    .limit(50)
    .lean();
  const tz = customer.timezone ?? 'UTC';
  const hours = [clickAt, ...clicks.map((c) => c.at)].map((d) => localHour(d, tz));
  const hour = preferredHourFromClicks(hours);
  if (hour !== undefined)
    await models.Customer.updateOne({ _id: customerId }, { $set: { preferredSendHour: hour } });
}
