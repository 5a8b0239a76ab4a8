import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';

/** CPU seconds used so far by this process, the Redis server and (on Linux) the MongoDB child. */
export interface CpuSample {
  workers: number;
  redis: number | null;
  mongo: number | null;
}

// Linux reports /proc times in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

async function procCpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function redisCpuSeconds(redis: Redis): Promise<number | null> {
  const info = await redis.info('cpu').catch(() => '');
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  const total = read('used_cpu_sys') + read('used_cpu_user');
  return Number.isFinite(total) ? total : null;
}

/**
 * Where a run's CPU went: on a 2-core machine the workers, MongoDB and Redis share the same cores,
 * so throughput alone hides which of them a change helped.
 */
export function createCpuMeter(opts: { redis: Redis; mongoPid?: number }) {
  return {
    async sample(): Promise<CpuSample> {
      const usage = process.cpuUsage();
      return {
        workers: (usage.user + usage.system) / 1e6,
        redis: await redisCpuSeconds(opts.redis),
        mongo: opts.mongoPid === undefined ? null : await procCpuSeconds(opts.mongoPid),
      };
    },
  };
}

/** Milliseconds of CPU per item between two samples, per process (null where unknown). */
export function cpuMsPer(items: number, from: CpuSample, to: CpuSample) {
  const per = (a: number | null, b: number | null) =>
    a === null || b === null || items === 0 ? null : Math.round(((b - a) * 1000 * 100) / items) / 100;
  return {
    workers: per(from.workers, to.workers),
    mongo: per(from.mongo, to.mongo),
    redis: per(from.redis, to.redis),
  };
}
