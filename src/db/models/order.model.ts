import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const lineSchema = new Schema(
  {
    productId: { type: Schema.Types.ObjectId, ref: 'Product' },
    sku: { type: String, required: true },
    quantity: { type: Number, required: true, min: 1 },
    price: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

export const orderSchema = new Schema(
  {
    externalId: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    lines: { type: [lineSchema], default: [] },
    total: { type: Number, required: true, min: 0 },
    currency: { type: String, default: 'USD' },
    at: { type: Date, required: true },
    /** Message credited by attribution (click within the window before the order). */
    attributedMessageId: { type: Schema.Types.ObjectId, ref: 'Message' },
  },
  { versionKey: false },
);
orderSchema.index({ externalId: 1 }, { unique: true });
orderSchema.index({ customerId: 1, at: -1 });
orderSchema.index({ attributedMessageId: 1 }, { sparse: true });

export type OrderDoc = InferSchemaType<typeof orderSchema>;
export const orderModel = (c: Connection) => c.model('Order', orderSchema, 'orders');
