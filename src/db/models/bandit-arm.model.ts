import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Beta posterior of one arm of one bandit (e.g. bandit `copy:weekly_digest`, arm `curiosity`):
 * Beta(1 + rewards, 1 + trials - rewards). Only ever changed with atomic $inc.
 */
export const banditArmSchema = new Schema(
  {
    bandit: { type: String, required: true },
    arm: { type: String, required: true },
    trials: { type: Number, default: 0 },
    rewards: { type: Number, default: 0 },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
banditArmSchema.index({ bandit: 1, arm: 1 }, { unique: true });

export type BanditArmDoc = InferSchemaType<typeof banditArmSchema>;
export const banditArmModel = (c: Connection) => c.model('BanditArm', banditArmSchema, 'bandit_arms');
