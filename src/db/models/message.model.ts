import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const MESSAGE_STATES = ['reserved', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * The send ledger: one row per (customer, campaign key), enforced by a unique index. This row,
 * not a BullMQ job id, is what guarantees a shopper never gets the same campaign twice.
 */
export const messageSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    campaignKey: { type: String, required: true },
    campaignType: { type: String, required: true },
    state: { type: String, enum: MESSAGE_STATES, default: 'reserved' },
    locale: { type: String },
    segment: { type: Number },
    segmentName: { type: String },
    variant: { type: String },
    generator: { type: String },
    recommendationStrategy: { type: String },
    productIds: { type: [Schema.Types.ObjectId], default: [] },
    subject: { type: String },
    /** The written copy and the facts it was written from; the send stage renders HTML from these. */
    content: { type: Schema.Types.Mixed },
    transport: { type: String },
    providerMessageId: { type: String },
    skipReason: { type: String },
    error: { type: String },
    attempts: { type: Number, default: 0 },
    reservedAt: { type: Date, default: () => new Date() },
    sendingAt: { type: Date },
    /**
     * Until when the worker that claimed this row owns its provider call. Nobody else reconciles or
     * re-sends before then, so a stalled-job re-run cannot race a live worker.
     */
    leaseUntil: { type: Date },
    /**
     * Which batched claim or mark-sent call last moved this row: the ledger writes many rows in one
     * update and reads this back to tell each caller whether its own row moved.
     */
    writeToken: { type: String },
    /** Why and until when the send was put off (quiet hours, frequency cap, preferred hour). */
    deferReason: { type: String },
    deferredUntil: { type: Date },
    /** Set once the send was moved to the customer's preferred hour, so it moves only once. */
    preferredHourApplied: { type: Boolean },
    sentAt: { type: Date },
    deliveredAt: { type: Date },
    openedAt: { type: Date },
    clickedAt: { type: Date },
    unsubscribedAt: { type: Date },
    complainedAt: { type: Date },
    /** Permanent delivery failure reported by the provider. */
    bouncedAt: { type: Date },
    /** Bandit rewards are applied once per message: these mark that they were. */
    clickRewardedAt: { type: Date },
    purchaseRewardedAt: { type: Date },
  },
  { versionKey: false },
);
messageSchema.index({ customerId: 1, campaignKey: 1 }, { unique: true });
messageSchema.index({ customerId: 1, sentAt: -1 });
messageSchema.index({ campaignKey: 1, state: 1 });
messageSchema.index({ providerMessageId: 1 }, { sparse: true });
// Attribution looks up a shopper's most recent click.
messageSchema.index({ customerId: 1, clickedAt: -1 });
// Deliverability: sends in the rolling window.
messageSchema.index({ sentAt: -1 });

export type MessageDoc = InferSchemaType<typeof messageSchema>;
export const messageModel = (c: Connection) => c.model('Message', messageSchema, 'messages');
