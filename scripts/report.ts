import { Command } from 'commander';
import { config } from '../src/config.js';
import { connectDatabase } from '../src/db/connection.js';
import { buildCampaignReport, formatReportTable } from '../src/evaluate/campaign-report.js';

/**
 * npm run report -- [--campaign <key>]: per campaign, segment and variant: sent, delivered,
 * opened, clicked, CTR, conversions, revenue, unsubscribes, complaints. The last line is JSON.
 */
const program = new Command()
  .name('report')
  .option('--campaign <key>', 'only this campaign key')
  .option('--mongo <url>', 'MongoDB URL (default MONGO_URL)');
program.parse();
const opts = program.opts<{ campaign?: string; mongo?: string }>();
const url = opts.mongo ?? config().MONGO_URL;
if (!url) {
  console.error('MONGO_URL is not set (or pass --mongo <url>)');
  process.exit(2);
}
const db = await connectDatabase(url);
try {
  const rows = await buildCampaignReport(db.models, { campaign: opts.campaign });
  console.log(rows.length ? formatReportTable(rows) : 'no sent messages');
  console.log(JSON.stringify({ rows }));
} finally {
  await db.close();
}
