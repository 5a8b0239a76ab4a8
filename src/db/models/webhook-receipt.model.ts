import { Schema, type Connection } from 'mongoose';

/** Storefront webhook ids already processed; deliveries are at-least-once. Kept 7 days. */
export const webhookReceiptSchema = new Schema(
  {
    webhookId: { type: String, required: true },
    topic: { type: String, required: true },
    receivedAt: { type: Date, default: () => new Date(), expires: 7 * 24 * 3600 },
  },
  { versionKey: false },
);
webhookReceiptSchema.index({ webhookId: 1 }, { unique: true });

export const webhookReceiptModel = (c: Connection) =>
  c.model('WebhookReceipt', webhookReceiptSchema, 'webhook_receipts');
