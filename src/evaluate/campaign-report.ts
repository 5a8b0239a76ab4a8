import type { Models } from '../db/models/index.js';

/** One row of the performance report: a (campaign, segment, variant) cell. */
export interface ReportRow {
  campaign: string;
  segment: string;
  variant: string;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  /** Clicks per delivered email (per sent email while no delivery events arrived). */
  ctr: number;
  conversions: number;
  revenue: number;
  unsubscribes: number;
  complaints: number;
}

export interface ReportMessage {
  id: string;
  campaignKey: string;
  segmentName?: string | null;
  variant?: string | null;
  state: string;
  deliveredAt?: Date | null;
  openedAt?: Date | null;
  clickedAt?: Date | null;
  unsubscribedAt?: Date | null;
  complainedAt?: Date | null;
}

/** Groups sent messages and attributed orders into rows, sorted by campaign, segment, variant (pure). */
export function summarize(
  messages: Iterable<ReportMessage>,
  orders: Iterable<{ messageId: string; total: number }>,
): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  const rowOfMessage = new Map<string, ReportRow>();
  for (const m of messages) {
    if (m.state !== 'sent') continue;
    const segment = m.segmentName ?? 'unknown';
    const variant = m.variant ?? 'unknown';
    const key = `${m.campaignKey}\u0000${segment}\u0000${variant}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        campaign: m.campaignKey,
        segment,
        variant,
        sent: 0,
        delivered: 0,
        opened: 0,
        clicked: 0,
        ctr: 0,
        conversions: 0,
        revenue: 0,
        unsubscribes: 0,
        complaints: 0,
      };
      rows.set(key, row);
    }
    row.sent += 1;
    if (m.deliveredAt) row.delivered += 1;
    if (m.openedAt) row.opened += 1;
    if (m.clickedAt) row.clicked += 1;
    if (m.unsubscribedAt) row.unsubscribes += 1;
    if (m.complainedAt) row.complaints += 1;
    rowOfMessage.set(m.id, row);
  }
  for (const o of orders) {
    const row = rowOfMessage.get(o.messageId);
    if (!row) continue;
    row.conversions += 1;
    row.revenue = Math.round((row.revenue + o.total) * 100) / 100;
  }
  const out = [...rows.values()];
  for (const r of out) r.ctr = Math.round((r.clicked / (r.delivered || r.sent || 1)) * 10_000) / 10_000;
  return out.sort(
    (a, b) =>
      a.campaign.localeCompare(b.campaign) ||
      a.segment.localeCompare(b.segment) ||
      a.variant.localeCompare(b.variant),
  );
}

/** Streams the ledger (one campaign or all) and its attributed orders into report rows. */
export async function buildCampaignReport(
  models: Models,
  opts: { campaign?: string } = {},
): Promise<ReportRow[]> {
  const filter = { state: 'sent' as const, ...(opts.campaign ? { campaignKey: opts.campaign } : {}) };
  const messages: ReportMessage[] = [];
  const cursor = models.Message.find(filter, {
    campaignKey: 1,
    segmentName: 1,
    variant: 1,
    state: 1,
    deliveredAt: 1,
    openedAt: 1,
    clickedAt: 1,
    unsubscribedAt: 1,
    complainedAt: 1,
  })
    .lean()
    .cursor();
  for await (const m of cursor) messages.push({ ...m, id: m._id.toString() });
  const ids = new Set(messages.map((m) => m.id));
  const orders = await models.Order.find(
    { attributedMessageId: { $ne: null } },
    { attributedMessageId: 1, total: 1 },
  ).lean();
  return summarize(
    messages,
    orders
      .map((o) => ({ messageId: o.attributedMessageId?.toString() ?? '', total: o.total }))
      .filter((o) => ids.has(o.messageId)),
  );
}

/** A fixed-width table for the terminal. */
export function formatReportTable(rows: ReportRow[]): string {
  const head = [
    'campaign',
    'segment',
    'variant',
    'sent',
    'delivered',
    'opened',
    'clicked',
    'CTR',
    'conv',
    'revenue',
    'unsub',
    'complaints',
  ];
  const body = rows.map((r) => [
    r.campaign,
    r.segment,
    r.variant,
    String(r.sent),
    String(r.delivered),
    String(r.opened),
    String(r.clicked),
    `${(r.ctr * 100).toFixed(2)}%`,
    String(r.conversions),
    r.revenue.toFixed(2),
    String(r.unsubscribes),
    String(r.complaints),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
