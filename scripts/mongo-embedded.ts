import { Command } from 'commander';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';

/** Runs the embedded MongoDB-compatible server in the foreground (local demo, manual testing). */
const program = new Command()
  .name('mongo-embedded')
  .description('Embedded MongoDB-compatible server for tests and the local demo (never production)')
  .option('-p, --port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)', '27017')
  .option('-d, --dir <dir>', 'persist data in this directory (default: in memory)')
  .parse();

const opts = program.opts<{ port: string; dir?: string }>();
const port = Number(opts.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${opts.port}`);
  process.exit(2);
}

// A parent that reads our URI may close the pipe before we exit; that must not crash shutdown.
process.stdout.on('error', () => {});

const server = await startEmbeddedMongo({ port, dir: opts.dir });
console.log(
  `embedded MongoDB listening: mongodb://127.0.0.1:${server.port}${opts.dir ? ` (data in ${opts.dir})` : ' (in memory)'}`,
);
console.log(server.uri);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: saving and closing`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
