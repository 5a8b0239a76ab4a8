import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Per-customer marketing send slots for the rolling 7-day frequency cap. A slot is taken with one
 * conditional update ("fewer than N slots and none for this message"), so two workers sending two
 * campaigns to the same shopper at once cannot both pass the cap.
 */
export const sendWindowSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    slots: {
      type: [new Schema({ messageId: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true } }, { _id: false })],
      default: [],
    },
  },
  { versionKey: false },
);
sendWindowSchema.index({ customerId: 1 }, { unique: true });

export type SendWindowDoc = InferSchemaType<typeof sendWindowSchema>;
export const sendWindowModel = (c: Connection) => c.model('SendWindow', sendWindowSchema, 'send_windows');
