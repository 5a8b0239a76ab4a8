import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const customerSchema = new Schema(
  {
    /** The storefront's own id for the shopper. */
    externalId: { type: String, required: true },
    email: { type: String, required: true },
    firstName: { type: String },
    lastName: { type: String },
    locale: { type: String, enum: ['en', 'zh-CN'], default: 'en' },
    timezone: { type: String, default: 'UTC' },
    marketingConsent: { type: Boolean, default: false },
    /** Learned from past clicks; the scheduler sends at this local hour when known. */
    preferredSendHour: { type: Number, min: 0, max: 23 },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
customerSchema.index({ externalId: 1 }, { unique: true });
customerSchema.index({ email: 1 });
// The digest fan-out pages through consenting customers by _id.
customerSchema.index({ marketingConsent: 1, _id: 1 });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
export const customerModel = (c: Connection) => c.model('Customer', customerSchema, 'customers');
