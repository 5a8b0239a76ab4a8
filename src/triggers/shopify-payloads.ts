import { z } from 'zod';

/** The parts of Shopify's webhook bodies we use; unknown fields pass through untouched. */
const id = z.union([z.number(), z.string()]).transform(String);
const money = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().nonnegative());

export const ShopifyCustomerSchema = z.looseObject({
  id,
  email: z.string().email(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  locale: z.string().nullish(),
  accepts_marketing: z.boolean().nullish(),
  email_marketing_consent: z.looseObject({ state: z.string() }).nullish(),
  /** Not a Shopify field: stores that know the shopper's zone may send it through a metafield bridge. */
  timezone: z.string().nullish(),
});

const LineItemSchema = z.looseObject({
  product_id: id.nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int().positive(),
  price: money,
});

export const ShopifyOrderSchema = z.looseObject({
  id,
  checkout_token: z.string().nullish(),
  created_at: z.string().datetime({ offset: true }).optional(),
  total_price: money,
  currency: z.string().default('USD'),
  customer: ShopifyCustomerSchema,
  line_items: z.array(LineItemSchema).min(1),
});

export const ShopifyCheckoutSchema = z.looseObject({
  id,
  token: z.string().min(1),
  created_at: z.string().datetime({ offset: true }).optional(),
  customer: ShopifyCustomerSchema,
  line_items: z.array(LineItemSchema).min(1),
});

export const ShopifyCartSchema = z.looseObject({
  id: id.optional(),
  token: z.string().min(1),
  /** Shopify carts carry no customer; headless storefronts that know the shopper add it. */
  customer: ShopifyCustomerSchema.optional(),
  line_items: z.array(LineItemSchema),
});

export const ShopifyProductSchema = z.looseObject({
  id,
  title: z.string().min(1),
  vendor: z.string().default('Unknown'),
  product_type: z.string().default('other'),
  handle: z.string().min(1),
  tags: z.string().default(''),
  image: z.looseObject({ src: z.string() }).nullish(),
  variants: z
    .array(
      z.looseObject({
        sku: z.string().min(1),
        price: money,
        compare_at_price: money.nullish(),
        inventory_quantity: z.number().int().default(0),
      }),
    )
    .min(1),
});

export const SHOPIFY_TOPICS = {
  'orders/create': ShopifyOrderSchema,
  'checkouts/create': ShopifyCheckoutSchema,
  'carts/update': ShopifyCartSchema,
  'products/update': ShopifyProductSchema,
  'customers/create': ShopifyCustomerSchema,
  'customers/update': ShopifyCustomerSchema,
} as const;

export type ShopifyTopic = keyof typeof SHOPIFY_TOPICS;
export type ShopifyCustomer = z.infer<typeof ShopifyCustomerSchema>;
export type ShopifyOrder = z.infer<typeof ShopifyOrderSchema>;
export type ShopifyCheckout = z.infer<typeof ShopifyCheckoutSchema>;
export type ShopifyCart = z.infer<typeof ShopifyCartSchema>;
export type ShopifyProduct = z.infer<typeof ShopifyProductSchema>;

export function isShopifyTopic(topic: string): topic is ShopifyTopic {
  return Object.hasOwn(SHOPIFY_TOPICS, topic);
}
