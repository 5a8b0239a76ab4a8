import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const EVENT_TYPES = [
  'view',
  'add_to_cart',
  'checkout',
  'purchase',
  'email_sent',
  'email_delivered',
  'email_opened',
  'email_clicked',
  'email_unsubscribed',
  'email_complained',
  'email_failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const eventSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    type: { type: String, enum: EVENT_TYPES, required: true },
    productId: { type: Schema.Types.ObjectId, ref: 'Product' },
    messageId: { type: Schema.Types.ObjectId, ref: 'Message' },
    value: { type: Number },
    at: { type: Date, required: true, default: () => new Date() },
    /** Provider or storefront event id; makes redelivered events idempotent. */
    sourceId: { type: String },
  },
  { versionKey: false },
);
eventSchema.index({ customerId: 1, at: -1 });
eventSchema.index({ type: 1, at: -1 });
eventSchema.index({ sourceId: 1 }, { unique: true, sparse: true });

export type EventDoc = InferSchemaType<typeof eventSchema>;
export const eventModel = (c: Connection) => c.model('Event', eventSchema, 'events');
