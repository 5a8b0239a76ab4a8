import type { Models } from '../db/models/index.js';
import { countSentByCell, forEachAttributedOrder } from './campaign-report-queries.js';
import { addOrder, cellKey, emptyRow, finishRows, type ReportRow } from './report-rows.js';

export { summarize, type ReportMessage, type ReportRow } from './report-rows.js';

/**
 * The report for one campaign or all, computed without holding the ledger in memory: the
 * database counts sent messages per cell, and attributed orders are streamed and credited to
 * their message's cell. Memory grows with the number of cells, not messages or orders.
 */
export async function buildCampaignReport(
  models: Models,
  opts: {
    /** Only this campaign key; all campaigns when absent or empty. */
    campaign?: string;
    /** Attributed orders credited per round trip. @defaultValue 1000 */
    orderChunk?: number;
  } = {},
): Promise<ReportRow[]> {
  const campaign = opts.campaign || undefined;
  const rows = new Map<string, ReportRow>();
  for (const { cell, counts } of await countSentByCell(models, campaign)) {
    rows.set(cellKey(cell), { ...emptyRow(cell), ...counts });
  }
  await forEachAttributedOrder(
    models,
    campaign,
    (cell, total) => {
      // A message that turned 'sent' after the counts were taken has no row yet; it waits for the next report.
      const row = rows.get(cellKey(cell));
      if (row) addOrder(row, total);
    },
    opts.orderChunk,
  );
  return finishRows([...rows.values()]);
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
