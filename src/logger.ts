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
