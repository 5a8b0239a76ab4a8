import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const SUPPRESSION_REASONS = ['unsubscribed', 'complained', 'bounced', 'manual'] as const;

/** Addresses we must not market to. Keyed by lower-cased email so it survives customer re-imports. */
export const suppressionSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    reason: { type: String, enum: SUPPRESSION_REASONS, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
    at: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
suppressionSchema.index({ email: 1 }, { unique: true });

export type SuppressionDoc = InferSchemaType<typeof suppressionSchema>;
export const suppressionModel = (c: Connection) => c.model('Suppression', suppressionSchema, 'suppressions');
