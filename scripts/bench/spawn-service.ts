import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface SpawnedService {
  /** What the service printed to say it is ready: the first capture of `ready`. */
  url: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

// A benchmark that fails half-way must not leave its services behind.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs `node --import tsx <args>` as its own process (a database or provider a benchmark talks
 * to, so its CPU is not the benchmark's) and resolves once its stdout matches `ready`.
 */
export async function spawnService(args: string[], ready: RegExp): Promise<SpawnedService> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  const exited = once(child, 'exit').finally(() => running.delete(child));
  let output = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    const url = ready.exec(output)?.[1];
    if (url)
      return {
        url,
        child,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
  }
  throw new Error(`${args.join(' ')} exited before it was ready: ${output}`);
}

/** The line the embedded MongoDB (and the canned-reply server) print with their connection string. */
export const MONGO_READY = /^(mongodb:\/\/\S+\?directConnection=true)$/m;
