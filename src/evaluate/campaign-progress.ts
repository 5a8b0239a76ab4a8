import type { Models } from '../db/models/index.js';
import type { MessageState } from '../db/models/message.model.js';

export interface CampaignProgress {
  /** Ledger rows the campaign has (one per reached shopper). */
  rows: number;
  /** Rows in a final state: sent, skipped or failed. */
  final: number;
  sent: number;
  /** Rows still on their way: reserved or sending. */
  open: number;
}

/**
 * How far a campaign has got, from its ledger rows in one grouped query: what the demo's progress
 * bar, the pipeline benchmark and the tests wait on.
 */
export async function campaignProgress(models: Models, campaignKey: string): Promise<CampaignProgress> {
  const groups = await models.Message.aggregate<{ _id: MessageState; n: number }>([
    { $match: { campaignKey } },
    { $project: { _id: 0, state: 1 } },
    { $group: { _id: '$state', n: { $sum: 1 } } },
  ]);
  const count = (...states: MessageState[]) =>
    groups.filter((g) => states.includes(g._id)).reduce((sum, g) => sum + g.n, 0);
  return {
    rows: count('reserved', 'sending', 'sent', 'skipped', 'failed'),
    final: count('sent', 'skipped', 'failed'),
    sent: count('sent'),
    open: count('reserved', 'sending'),
  };
}
