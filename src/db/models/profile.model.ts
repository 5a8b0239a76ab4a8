import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const profileSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    /** Raw features by name (recency days, frequency, monetary, affinities ...). */
    features: { type: Schema.Types.Mixed, default: {} },
    /** Top categories by affinity, most liked first. */
    topCategories: { type: [String], default: [] },
    priceBand: { type: String, enum: ['budget', 'mid', 'premium'], default: 'mid' },
    segment: { type: Number },
    segmentName: { type: String },
    segmentModelVersion: { type: Number },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false, minimize: false },
);
profileSchema.index({ customerId: 1 }, { unique: true });
profileSchema.index({ segment: 1, customerId: 1 });

export type ProfileDoc = InferSchemaType<typeof profileSchema>;
export const profileModel = (c: Connection) => c.model('Profile', profileSchema, 'profiles');
