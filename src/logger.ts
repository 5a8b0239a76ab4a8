import { pino, type Logger } from 'pino';
import { config } from './config.js';

export type { Logger };

/**
 * Structured logs. Shoppers' email addresses and secrets never reach a log line: the redact list
 * covers the paths where they could appear, and code logs customer ids, not addresses.
 */
export function createLogger(name: string, level = config().LOG_LEVEL): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'email',
        '*.email',
        'to',
        '*.to',
        'apiKey',
        '*.apiKey',
        'key',
        '*.key',
        'password',
        '*.password',
        'secret',
        '*.secret',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

const LEVEL_METHODS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const noop = () => undefined;

/**
 * `logger.child(bindings)`, made on first use at an enabled level. Workers make one per job and
 * most jobs never log, while a pino child with redaction is costly to set up (6% of what the
 * bench:pipeline worker allocated).
 */
export function lazyChild(logger: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const real = () => (child ??= logger.child(bindings));
  return new Proxy({} as Logger, {
    get(_target, prop) {
      if (!child && typeof prop === 'string' && LEVEL_METHODS.has(prop) && !logger.isLevelEnabled(prop))
        return noop;
      const c = real();
      const value: unknown = Reflect.get(c, prop, c);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(c) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(real(), prop, value);
    },
  });
}
