import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** Trained artefacts (segment centroids, recommender) stored by kind, newest version wins. */
export const storedModelSchema = new Schema(
  {
    kind: { type: String, enum: ['segments', 'recommender'], required: true },
    version: { type: Number, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    trainedAt: { type: Date, default: () => new Date() },
    stats: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
storedModelSchema.index({ kind: 1, version: -1 }, { unique: true });

export type StoredModelDoc = InferSchemaType<typeof storedModelSchema>;
export const storedModelModel = (c: Connection) => c.model('StoredModel', storedModelSchema, 'models');
