import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const productSchema = new Schema(
  {
    sku: { type: String, required: true },
    externalId: { type: String },
    title: { type: String, required: true },
    category: { type: String, required: true },
    brand: { type: String, required: true },
    price: { type: Number, required: true, min: 0 },
    currency: { type: String, default: 'USD' },
    /** Percent off when the store runs a real discount; copy may only mention a discount from here. */
    discountPercent: { type: Number, min: 0, max: 90 },
    stock: { type: Number, default: 0 },
    url: { type: String, required: true },
    imageUrl: { type: String, default: '' },
    tags: { type: [String], default: [] },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
productSchema.index({ sku: 1 }, { unique: true });
productSchema.index({ externalId: 1 }, { sparse: true });
productSchema.index({ category: 1, stock: 1 });

export type ProductDoc = InferSchemaType<typeof productSchema>;
export const productModel = (c: Connection) => c.model('Product', productSchema, 'products');
