import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChild } from '../../../src/logger.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level, redact: { paths: ['email', '*.email'], censor: '[redacted]' } }, stream);
  return { logger, lines };
}

describe('lazyChild', () => {
  it('logs with its bindings and the parent redaction, exactly as a child would', async () => {
    const { logger, lines } = capture('info');
    const lazy = lazyChild(logger, { jobId: 'j-1', attempt: 2 });
    lazy.info({ email: 'shopper@example.com', customerId: 'c1' }, 'sent');
    lazy.child({ stage: 'send' }).warn('slow');
    lazy.debug('hidden');
    expect(lines.map(({ time: _t, pid: _p, hostname: _h, ...rest }) => rest)).toEqual([
      { level: 30, jobId: 'j-1', attempt: 2, email: '[redacted]', customerId: 'c1', msg: 'sent' },
      { level: 40, jobId: 'j-1', attempt: 2, stage: 'send', msg: 'slow' },
    ]);
    expect(lazy.level).toBe('info');
    expect(lazy.isLevelEnabled('debug')).toBe(false);
  });

  it('never builds the child for calls below the level', () => {
    const { logger } = capture('warn');
    let built = 0;
    const child = logger.child.bind(logger);
    logger.child = ((...args: Parameters<typeof logger.child>) => {
      built += 1;
      return child(...args);
    }) as typeof logger.child;
    const lazy = lazyChild(logger, { jobId: 'j-2' });
    lazy.info('no');
    lazy.debug('no');
    expect(built).toBe(0);
    lazy.error('yes');
    lazy.warn('again');
    expect(built).toBe(1);
  });
});
