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

/** The report's cell: one (campaign, segment, variant); absent segment or variant read 'unknown'. */
export interface ReportCell {
  campaign: string;
  segment: string;
  variant: string;
}

/** The per-message flags a row counts, as numbers so database-side and in-process counts share a shape. */
export interface CellCounts {
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribes: number;
  complaints: number;
}

export function cellOf(m: Pick<ReportMessage, 'campaignKey' | 'segmentName' | 'variant'>): ReportCell {
  return { campaign: m.campaignKey, segment: m.segmentName ?? 'unknown', variant: m.variant ?? 'unknown' };
}

export function cellKey(c: ReportCell): string {
  return `${c.campaign}\u0000${c.segment}\u0000${c.variant}`;
}

export function emptyRow(cell: ReportCell): ReportRow {
  return {
    ...cell,
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
}

/**
 * Revenue is rounded to cents after each order, in the order the orders are read, so the
 * streamed report and the in-process one add the same floats in the same way.
 */
export function addOrder(row: ReportRow, total: number): void {
  row.conversions += 1;
  row.revenue = Math.round((row.revenue + total) * 100) / 100;
}

/** Sets CTR and sorts by campaign, segment, variant (in place; returns the array). */
export function finishRows(rows: ReportRow[]): ReportRow[] {
  for (const r of rows) r.ctr = Math.round((r.clicked / (r.delivered || r.sent || 1)) * 10_000) / 10_000;
  return rows.sort(
    (a, b) =>
      a.campaign.localeCompare(b.campaign) ||
      a.segment.localeCompare(b.segment) ||
      a.variant.localeCompare(b.variant),
  );
}

/**
 * Groups sent messages and attributed orders into rows, sorted by campaign, segment, variant
 * (pure). The reference for `buildCampaignReport`, which computes the same rows in the database.
 */
export function summarize(
  messages: Iterable<ReportMessage>,
  orders: Iterable<{ messageId: string; total: number }>,
): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  const rowOfMessage = new Map<string, ReportRow>();
  for (const m of messages) {
    if (m.state !== 'sent') continue;
    const cell = cellOf(m);
    const key = cellKey(cell);
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(cell);
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
    if (row) addOrder(row, o.total);
  }
  return finishRows([...rows.values()]);
}
