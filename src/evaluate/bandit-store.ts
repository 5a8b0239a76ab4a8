import type { Models } from '../db/models/index.js';
import { chooseArm, REWARD, type Random } from './thompson.js';

/** Bandit names: one copy bandit per campaign type, one strategy bandit per segment. */
export const copyBandit = (campaignType: string) => `copy:${campaignType}`;
export const strategyBandit = (segment: number | null) => `strategy:${segment ?? 'none'}`;

/**
 * Posteriors persisted in MongoDB. Every change is an atomic $inc on one arm document, so any
 * number of workers can choose and learn at once without losing updates.
 */
export function createBandits(models: Models, random: Random = Math.random) {
  const { BanditArm, Message } = models;

  async function bump(bandit: string, arm: string, inc: { trials?: number; rewards?: number }): Promise<void> {
    await BanditArm.updateOne({ bandit, arm }, { $inc: inc, $set: { updatedAt: new Date() } }, { upsert: true }).catch(
      async (err: { code?: number }) => {
        // Two first updates racing on the upsert: the loser retries as a plain update.
        if (err.code !== 11000) throw err;
        await BanditArm.updateOne({ bandit, arm }, { $inc: inc, $set: { updatedAt: new Date() } });
      },
    );
  }

  /** Rewards one message's arms for one kind of outcome, once per message (a conditional flag). */
  async function reward(messageId: string, kind: keyof typeof REWARD): Promise<boolean> {
    const flag = kind === 'click' ? 'clickRewardedAt' : 'purchaseRewardedAt';
    const message = await Message.findOneAndUpdate(
      { _id: messageId, state: 'sent', [flag]: null },
      { $set: { [flag]: new Date() } },
      { projection: { campaignType: 1, variant: 1, segment: 1, recommendationStrategy: 1 } },
    ).lean();
    if (!message) return false;
    const amount = REWARD[kind];
    if (message.variant) await bump(copyBandit(message.campaignType), message.variant, { rewards: amount });
    if (message.recommendationStrategy) {
      await bump(strategyBandit(message.segment ?? null), message.recommendationStrategy, { rewards: amount });
    }
    return true;
  }

  return {
    async choose(bandit: string, arms: readonly string[]): Promise<string> {
      const stats = await BanditArm.find({ bandit, arm: { $in: [...arms] } }, { arm: 1, trials: 1, rewards: 1 }).lean();
      return chooseArm(
        arms,
        stats.map((s) => ({ arm: s.arm, trials: s.trials ?? 0, rewards: s.rewards ?? 0 })),
        random,
      );
    },

    /** A sent message is one trial for its copy variant and its recommendation strategy. */
    async recordSend(message: {
      campaignType: string;
      variant?: string | null;
      segment?: number | null;
      recommendationStrategy?: string | null;
    }): Promise<void> {
      if (message.variant) await bump(copyBandit(message.campaignType), message.variant, { trials: 1 });
      if (message.recommendationStrategy) {
        await bump(strategyBandit(message.segment ?? null), message.recommendationStrategy, { trials: 1 });
      }
    },

    reward,

    async snapshot(bandit?: string) {
      return BanditArm.find(bandit ? { bandit } : {}).sort({ bandit: 1, arm: 1 }).lean();
    },
  };
}

export type Bandits = ReturnType<typeof createBandits>;
