import { duplicateKeyWriteErrors } from '../db/duplicate-keys.js';
import type { Models } from '../db/models/index.js';
import { createBatchLoader } from '../shared/batch-loader.js';
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

  async function bump(
    bandit: string,
    arm: string,
    inc: { trials?: number; rewards?: number },
  ): Promise<void> {
    await BanditArm.updateOne(
      { bandit, arm },
      { $inc: inc, $set: { updatedAt: new Date() } },
      { upsert: true },
    ).catch(async (err: { code?: number }) => {
      // Two first updates racing on the upsert: the loser retries as a plain update.
      if (err.code !== 11000) throw err;
      await BanditArm.updateOne({ bandit, arm }, { $inc: inc, $set: { updatedAt: new Date() } });
    });
  }

  // Concurrent jobs choosing from the same bandit share one read of its posteriors (each still samples).
  const posteriors = createBatchLoader(
    async (bandits: string[]) => {
      const docs = await BanditArm.find(
        { bandit: { $in: bandits } },
        { bandit: 1, arm: 1, trials: 1, rewards: 1 },
      ).lean();
      const grouped = new Map<string, Array<{ arm: string; trials: number; rewards: number }>>();
      for (const d of docs) {
        const list = grouped.get(d.bandit) ?? [];
        list.push({ arm: d.arm, trials: d.trials ?? 0, rewards: d.rewards ?? 0 });
        grouped.set(d.bandit, list);
      }
      return grouped;
    },
    [] as Array<{ arm: string; trials: number; rewards: number }>,
  );

  // Trials recorded by concurrent sends are summed per arm and written as one bulkWrite per tick;
  // each caller's promise settles once its increment is stored.
  let trials = new Map<
    string,
    { bandit: string; arm: string; n: number; waiters: Array<{ ok(): void; fail(e: unknown): void }> }
  >();
  let flushScheduled = false;
  async function flushTrials(): Promise<void> {
    flushScheduled = false;
    const batch = [...trials.values()];
    trials = new Map();
    const op = (t: (typeof batch)[number], upsert: boolean) => ({
      updateOne: {
        filter: { bandit: t.bandit, arm: t.arm },
        update: { $inc: { trials: t.n }, $set: { updatedAt: new Date() } },
        upsert,
      },
    });
    try {
      try {
        await BanditArm.bulkWrite(
          batch.map((t) => op(t, true)),
          { ordered: false },
        );
      } catch (err) {
        // Upserts racing another process's first write: those (only those) are retried as plain updates.
        const failed = duplicateKeyWriteErrors(err);
        if (!failed) throw err;
        await BanditArm.bulkWrite(
          failed.map((e) => op(batch[e.index]!, false)),
          { ordered: false },
        );
      }
      for (const t of batch) for (const w of t.waiters) w.ok();
    } catch (err) {
      for (const t of batch) for (const w of t.waiters) w.fail(err);
    }
  }
  function addTrial(bandit: string, arm: string): Promise<void> {
    return new Promise((ok, fail) => {
      const key = `${bandit}\u0000${arm}`;
      const entry = trials.get(key) ?? { bandit, arm, n: 0, waiters: [] };
      entry.n += 1;
      entry.waiters.push({ ok, fail });
      trials.set(key, entry);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => void flushTrials());
      }
    });
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
      await bump(strategyBandit(message.segment ?? null), message.recommendationStrategy, {
        rewards: amount,
      });
    }
    return true;
  }

  return {
    async choose(bandit: string, arms: readonly string[]): Promise<string> {
      const stats = await posteriors.load(bandit);
      return chooseArm(
        arms,
        stats.filter((s) => arms.includes(s.arm)),
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
      await Promise.all([
        message.variant ? addTrial(copyBandit(message.campaignType), message.variant) : undefined,
        message.recommendationStrategy
          ? addTrial(strategyBandit(message.segment ?? null), message.recommendationStrategy)
          : undefined,
      ]);
    },

    reward,

    async snapshot(bandit?: string) {
      return BanditArm.find(bandit ? { bandit } : {})
        .sort({ bandit: 1, arm: 1 })
        .lean();
    },
  };
}

export type Bandits = ReturnType<typeof createBandits>;
