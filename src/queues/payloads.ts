import { z } from 'zod';
import { REASON_CODES } from '../generate/composer/phrase-bank.js';
import { CAMPAIGN_TYPES } from '../generate/types.js';

const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-hex ObjectId');

/** Campaign keys become part of BullMQ job ids, which must not contain ':'. */
export const CampaignSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  type: z.enum(CAMPAIGN_TYPES),
  /** Products the trigger was about (the abandoned checkout's items, the purchase's items). */
  productIds: z.array(objectId).max(20).optional(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const ProfileJobSchema = z.object({ customerId: objectId, campaign: CampaignSchema });
export type ProfileJob = z.infer<typeof ProfileJobSchema>;

export const RecommendJobSchema = ProfileJobSchema.extend({
  messageId: objectId,
  segment: z.number().int().nullable(),
  segmentName: z.string().max(80),
  /** Profile facts the recommend stage needs, passed on so it need not read the profile again. */
  priceBand: z.enum(['budget', 'mid', 'premium']).optional(),
  topCategories: z.array(z.string().max(80)).max(10).optional(),
  /** What the generate stage needs of the customer, read by the profile stage; absent means read it. */
  customer: z.object({ locale: z.string().max(10), firstName: z.string().max(100).nullable() }).optional(),
});
export type RecommendJob = z.infer<typeof RecommendJobSchema>;

/** Why a product was picked: the reason codes the generate stage knows how to word. */
export const PICK_REASONS = REASON_CODES;
export const PickSchema = z.object({
  productId: objectId,
  /** Why it was picked; the generate stage words it in the shopper's language. */
  reason: z.enum(PICK_REASONS),
  /** The history product behind a similarity pick ("because you viewed X"). */
  becauseOf: objectId.optional(),
});
export type Pick = z.infer<typeof PickSchema>;

export const GenerateJobSchema = RecommendJobSchema.extend({
  picks: z.array(PickSchema).min(1).max(12),
  strategy: z.string().max(40),
});
export type GenerateJob = z.infer<typeof GenerateJobSchema>;

export const SendJobSchema = ProfileJobSchema.extend({ messageId: objectId });
export type SendJob = z.infer<typeof SendJobSchema>;

export const TrainSegmentsJobSchema = z.object({ k: z.number().int().min(2).max(20).optional() });
export const TrainRecommenderJobSchema = z.object({});
/** One page of the digest fan-out: customers after `afterId`, so no step loads everyone at once. */
export const DigestFanoutJobSchema = z.object({
  campaign: CampaignSchema,
  afterId: objectId.optional(),
  pageSize: z.number().int().min(1).max(5000).default(1000),
  /** Only customers in these time zones (the scheduler runs one fan-out per local send hour). */
  timezones: z.array(z.string()).optional(),
  /** Only customers currently in this segment. */
  segment: z.number().int().min(0).optional(),
});
export type DigestFanoutJob = z.infer<typeof DigestFanoutJobSchema>;

/** Fired by a job scheduler at the digest hour in one time zone; names the week's campaign and fans out. */
export const WeeklyDigestJobSchema = z.object({ timezone: z.string().min(1) });
