/**
 * Enqueue a campaign by hand: `npm run campaign -- --type weekly_digest --key spring-sale --all`
 * (or `--segment 2`, or `--customer <customer id or storefront id>`). Workers do the rest.
 */
import { Command, Option } from 'commander';
import { config } from '../src/config.js';
import { connectDatabase } from '../src/db/connection.js';
import { CAMPAIGN_TYPES } from '../src/generate/types.js';
import { createEnqueue } from '../src/queues/enqueue.js';
import { CampaignSchema } from '../src/queues/payloads.js';
import { createProducer } from '../src/queues/producer.js';
import { createQueues } from '../src/queues/queues.js';
import { createRedis } from '../src/queues/redis.js';

const opts = new Command()
  .addOption(new Option('--type <type>', 'campaign type').choices(CAMPAIGN_TYPES).makeOptionMandatory())
  .requiredOption('--key <key>', 'campaign key: one email per customer per key')
  .option('--all', 'every consenting customer')
  .option('--segment <n>', 'customers currently in this segment', (v) => Number(v))
  .option('--customer <id>', 'one customer: our id, or the storefront id (needs MONGO_URL)')
  .parse()
  .opts<{
    type: (typeof CAMPAIGN_TYPES)[number];
    key: string;
    all?: boolean;
    segment?: number;
    customer?: string;
  }>();

const targets = [opts.all, opts.segment !== undefined, opts.customer].filter(Boolean).length;
if (targets !== 1) {
  console.error('choose exactly one of --all, --segment <n>, --customer <id>');
  process.exit(2);
}
const campaign = CampaignSchema.parse({ key: opts.key, type: opts.type });
const cfg = config();
const redis = createRedis(cfg.REDIS_URL);
const queues = createQueues(redis, cfg.QUEUE_PREFIX);
const producer = createProducer({ queues, ...createEnqueue(queues) });
try {
  if (opts.customer) {
    let id = opts.customer;
    if (!/^[a-f0-9]{24}$/.test(id)) {
      if (!cfg.MONGO_URL) throw new Error('a storefront id needs MONGO_URL to look the customer up');
      const db = await connectDatabase(cfg.MONGO_URL);
      const found = await db.models.Customer.findOne({ externalId: id }, { _id: 1 }).lean();
      await db.close();
      if (!found) throw new Error(`no customer with storefront id ${id}`);
      id = found._id.toString();
    }
    console.log(`enqueued job ${await producer.forCustomer(id, campaign)}`);
  } else {
    const jobId = await producer.fanOut(
      campaign,
      opts.segment === undefined ? {} : { segment: opts.segment },
    );
    console.log(`enqueued fan-out ${jobId}; the maintenance workers page through the customers`);
  }
} finally {
  await queues.close();
  redis.disconnect();
}
