import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import type { SendGate } from '../queues/send-gate.js';

export interface BreakerSettings {
  /** Complaints per sent email above which sending pauses (0.003 = 0.3%). */
  complaintRate: number;
  /** Permanent failures per sent email above which sending pauses. */
  hardBounceRate: number;
  /** Sends in the window needed before a rate means anything. */
  minSample: number;
  windowMs: number;
}

export interface BreakerStatus {
  open: boolean;
  reason?: string;
  trippedAt?: Date;
  resumedAt?: Date;
  sent: number;
  complaints: number;
  hardBounces: number;
}

/** Pure verdict: the reason to trip, or undefined. */
export function breakerVerdict(
  counts: { sent: number; complaints: number; hardBounces: number },
  s: Pick<BreakerSettings, 'complaintRate' | 'hardBounceRate' | 'minSample'>,
): string | undefined {
  if (counts.sent < s.minSample) return undefined;
  const complaintRate = counts.complaints / counts.sent;
  if (complaintRate > s.complaintRate) {
    return `complaint rate ${(complaintRate * 100).toFixed(2)}% over ${(s.complaintRate * 100).toFixed(2)}% (${counts.complaints}/${counts.sent})`;
  }
  const bounceRate = counts.hardBounces / counts.sent;
  if (bounceRate > s.hardBounceRate) {
    return `hard bounce rate ${(bounceRate * 100).toFixed(2)}% over ${(s.hardBounceRate * 100).toFixed(2)}% (${counts.hardBounces}/${counts.sent})`;
  }
  return undefined;
}

const KEY = 'send';

/**
 * The deliverability circuit breaker. Rates are counted over the rolling window, but never from
 * before the last operator resume. Tripping pauses the send queue until someone resumes it.
 */
export function createSendBreaker(deps: {
  models: Models;
  gate: SendGate;
  logger: Logger;
  settings: BreakerSettings;
}) {
  const { Message, SendBreaker } = deps.models;

  async function counts(now: Date) {
    const state = await SendBreaker.findOne({ key: KEY }).lean();
    const windowStart = now.getTime() - deps.settings.windowMs;
    const since = new Date(Math.max(windowStart, state?.resumedAt?.getTime() ?? 0));
    const [sent, complaints, hardBounces] = await Promise.all([
      Message.countDocuments({ sentAt: { $gte: since } }),
      Message.countDocuments({ complainedAt: { $gte: since } }),
      Message.countDocuments({ bouncedAt: { $gte: since } }),
    ]);
    return { state, sent, complaints, hardBounces };
  }

  return {
    /** Re-evaluates the rates; trips (pauses sending) when one passes its limit. Returns true when it tripped now. */
    async check(now = new Date()): Promise<boolean> {
      const c = await counts(now);
      if (c.state?.open) return false;
      const reason = breakerVerdict(c, deps.settings);
      if (!reason) return false;
      const res = await SendBreaker.updateOne(
        { key: KEY, open: { $ne: true } },
        { $set: { open: true, reason, trippedAt: now } },
        { upsert: true },
      ).catch((err: { code?: number }) => {
        if (err.code === 11000) return { modifiedCount: 0, upsertedCount: 0 };
        throw err;
      });
      await deps.gate.pause();
      if (res.modifiedCount + res.upsertedCount > 0) {
        deps.logger.error(
          { reason },
          'deliverability circuit breaker tripped: sending paused until an operator resumes it',
        );
        return true;
      }
      return false;
    },

    async resume(by: string, now = new Date()): Promise<void> {
      await SendBreaker.updateOne(
        { key: KEY },
        { $set: { open: false, resumedAt: now, resumedBy: by }, $unset: { reason: 1 } },
        { upsert: true },
      );
      await deps.gate.resume();
      deps.logger.warn({ by }, 'sending resumed by operator');
    },

    async status(now = new Date()): Promise<BreakerStatus & { queuePaused: boolean }> {
      const c = await counts(now);
      return {
        open: Boolean(c.state?.open),
        reason: c.state?.reason ?? undefined,
        trippedAt: c.state?.trippedAt ?? undefined,
        resumedAt: c.state?.resumedAt ?? undefined,
        sent: c.sent,
        complaints: c.complaints,
        hardBounces: c.hardBounces,
        queuePaused: await deps.gate.isPaused(),
      };
    },
  };
}

export type SendBreaker = ReturnType<typeof createSendBreaker>;
