import { Command } from 'commander';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { runSendChaos } from '../test/integration/send/send-chaos.js';

/**
 * npm run chaos:send -- --emails 1000 --kill-every 2 --fail-rate 0.2
 * Starts an embedded MongoDB (or uses MONGO_URL) and the local Mailgun sink, seeds ready-to-send
 * messages, runs send worker processes while SIGKILLing one every N seconds, and prints as the last
 * line {"expected","delivered","duplicates","missing","failedJobs"}.
 */
const program = new Command()
  .name('chaos-send')
  .option('--emails <n>', 'emails to send', '1000')
  .option('--kill-every <s>', 'seconds between SIGKILLs (0: never)', '2')
  .option('--fail-rate <r>', 'share of provider calls failing with 429/503', '0.2')
  .option('--workers <n>', 'send worker processes', '3')
  .option('--deadline <s>', 'give up after this many seconds', '600');
program.parse();
const o = program.opts<{
  emails: string;
  killEvery: string;
  failRate: string;
  workers: string;
  deadline: string;
}>();

const external = process.env.MONGO_URL;
const mongo = external ? undefined : await startEmbeddedMongo();
try {
  const result = await runSendChaos({
    mongoUri: external ?? mongo!.uri,
    emails: Number(o.emails),
    killEverySec: Number(o.killEvery),
    failRate: Number(o.failRate),
    workers: Number(o.workers),
    deadlineMs: Number(o.deadline) * 1000,
    log: (line) => console.error(`[chaos] ${line}`),
  });
  console.error(`[chaos] ${result.killed} workers killed, ${(result.elapsedMs / 1000).toFixed(1)} s`);
  const { expected, delivered, duplicates, missing, failedJobs } = result;
  console.log(JSON.stringify({ expected, delivered, duplicates, missing, failedJobs }));
  process.exitCode = duplicates === 0 && missing === 0 && failedJobs === 0 ? 0 : 1;
} finally {
  await mongo?.close();
}
