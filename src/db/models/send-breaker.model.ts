import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The deliverability circuit breaker's state (one document, key 'send'). Rates are counted from
 * `resumedAt` on, so an operator's resume is not undone by the complaints that caused the trip.
 */
export const sendBreakerSchema = new Schema(
  {
    key: { type: String, required: true },
    open: { type: Boolean, default: false },
    reason: { type: String },
    trippedAt: { type: Date },
    resumedAt: { type: Date },
    resumedBy: { type: String },
  },
  { versionKey: false },
);
sendBreakerSchema.index({ key: 1 }, { unique: true });

export type SendBreakerDoc = InferSchemaType<typeof sendBreakerSchema>;
export const sendBreakerModel = (c: Connection) => c.model('SendBreaker', sendBreakerSchema, 'send_breaker');
