/**
 * Offline evaluation of the recommender on a benchmark in the S3-Rec format (leave-one-out).
 *   npm run eval:recs -- --data <sequences file> [--attributes <json>] [--out <result.json>]
 * Tables go to stdout, progress bars to stderr; the last stdout line is the result JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { formatTable, PUBLISHED_BEAUTY, type TableRow } from '../src/recommend/eval/report-table.js';
import { runBenchmark, type StartPhase } from '../src/recommend/eval/run-benchmark.js';

const program = new Command()
  .name('eval-recs')
  .requiredOption('--data <file>', 'sequences file: one line per user, "user item item ...", oldest first')
  .option('--attributes <file>', 'JSON object item -> attribute ids')
  .option('--out <file>', 'write the result JSON here')
  .option('--no-tune', 'skip tuning and use the default parameters')
  .option('--tune-users <n>', 'validation users per tuning trial', '10000')
  .option('--tune-rounds <n>', 'coordinate-search passes', '2')
  .option('--tune-minutes <n>', 'tuning time budget', '10')
  .option('--seed <n>', 'seed of sampled negatives and subsets', '2020')
  .option('--latency-users <n>', 'users timed for top-10 latency', '2000')
  .option('--no-published', 'omit the published Amazon Beauty rows from the table')
  .parse();

const opts = program.opts<{
  data: string;
  attributes?: string;
  out?: string;
  tune: boolean;
  tuneUsers: string;
  tuneRounds: string;
  tuneMinutes: string;
  seed: string;
  latencyUsers: string;
  published: boolean;
}>();

const startPhase: StartPhase = (name, total) => {
  const bar = new cliProgress.SingleBar(
    {
      format: `${name.padEnd(28)} [{bar}] {value}/{total} {duration_formatted}`,
      stream: process.stderr,
      // Also report when stderr is a log file, not a terminal.
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
};

const result = runBenchmark({
  sequencesText: readFileSync(opts.data, 'utf8'),
  attributesText: opts.attributes ? readFileSync(opts.attributes, 'utf8') : undefined,
  tune: opts.tune,
  tuneUsers: Number(opts.tuneUsers),
  tuneRounds: Number(opts.tuneRounds),
  tuneBudgetMs: Number(opts.tuneMinutes) * 60_000,
  seed: Number(opts.seed),
  latencyUsers: Number(opts.latencyUsers),
  startPhase,
});

const rows: TableRow[] = [
  { name: opts.tune ? 'Ours (tuned on validation)' : 'Ours (defaults)', ...result },
  { name: 'PopRec (ours, leak-free)', ...(result.baselines.PopRec ?? { fullRanking: result.fullRanking }) },
  { name: 'ItemCosine (ours)', ...(result.baselines.ItemCosine ?? { fullRanking: result.fullRanking }) },
];
if (opts.published)
  for (const [name, fullRanking] of Object.entries(PUBLISHED_BEAUTY)) rows.push({ name, fullRanking });

const d = result.dataset;
console.log(
  `dataset: ${d.users} users, ${d.items} items, ${d.interactions} interactions, ${d.testUsers} test users`,
);
console.log(formatTable(rows));
console.log(
  `fit ${result.fitSeconds.toFixed(2)} s | tuning ${result.tuneSeconds.toFixed(1)} s (${result.tuneTrials} trials) | ` +
    `top-10 latency wall p50 ${result.latencyMs.p50.toFixed(3)} ms, p99 ${result.latencyMs.p99.toFixed(3)} ms ` +
    `(cpu p50 ${result.latencyCpuMs.p50.toFixed(3)}, p99 ${result.latencyCpuMs.p99.toFixed(3)}) | ` +
    `peak RSS ${result.peakMemoryMB.toFixed(0)} MB | model JSON ${result.modelJsonMB.toFixed(1)} MB`,
);
console.log(`params: ${JSON.stringify(result.params)}`);
const json = JSON.stringify(result);
if (opts.out) writeFileSync(opts.out, json + '\n');
console.log(json);
