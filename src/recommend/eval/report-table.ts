import { METRIC_NAMES, type Metrics } from './ranking-metrics.js';

/** Full-ranking results published in the S3-Rec paper for Amazon Beauty (from the data README). */
export const PUBLISHED_BEAUTY: Readonly<Record<string, Metrics>> = {
  'PopRec (paper, leaky)': { 'HR@10': 0.0152, 'NDCG@10': 0.0068, 'HR@20': 0.0217, 'NDCG@20': 0.0084 },
  'GRU4Rec (paper)': { 'HR@10': 0.0283, 'NDCG@10': 0.0137, 'HR@20': 0.0479, 'NDCG@20': 0.0187 },
  'Caser (paper)': { 'HR@10': 0.0347, 'NDCG@10': 0.0176, 'HR@20': 0.0556, 'NDCG@20': 0.0229 },
  'SASRec (paper)': { 'HR@10': 0.0605, 'NDCG@10': 0.0318, 'HR@20': 0.0902, 'NDCG@20': 0.0394 },
  'BERT4Rec (paper)': { 'HR@10': 0.0347, 'NDCG@10': 0.017, 'HR@20': 0.0599, 'NDCG@20': 0.0233 },
  'S3-Rec (paper)': { 'HR@10': 0.0647, 'NDCG@10': 0.0327, 'HR@20': 0.0994, 'NDCG@20': 0.0414 },
};

export interface TableRow {
  name: string;
  fullRanking: Metrics;
  sampled?: Metrics;
}

/** Markdown table: full-ranking metrics, then sampled HR@10/NDCG@10 where measured. */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['model', ...METRIC_NAMES.map((m) => `full ${m}`), 'sampled HR@10', 'sampled NDCG@10'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = [
      row.name,
      ...METRIC_NAMES.map((m) => row.fullRanking[m].toFixed(4)),
      row.sampled ? row.sampled['HR@10'].toFixed(4) : '-',
      row.sampled ? row.sampled['NDCG@10'].toFixed(4) : '-',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
