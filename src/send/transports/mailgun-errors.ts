import { PermanentError, RateLimitedError } from '../../errors.js';

/** Pause used when Mailgun says 429: its response headers (Retry-After) do not reach us. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

const NETWORK_PATTERN =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ECONNABORTED|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|socket hang up|network error|timeout of \d+ms exceeded|ERR_NETWORK|fetch failed/i;

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  details?: unknown;
  code?: unknown;
}

function describe(err: unknown): { status: number | undefined; text: string } {
  if (typeof err !== 'object' || err === null) return { status: undefined, text: String(err) };
  const e = err as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const parts = [e.message, e.details, e.code].filter((p): p is string => typeof p === 'string' && p !== '');
  return { status, text: parts.join(' | ') };
}

/**
 * Maps a mailgun.js failure onto our retry rules. mailgun.js reports connection refused as a 400
 * with the errno in the message and a 429 without headers, so the message is checked before the
 * status: network trouble and 5xx are retryable, 429 is a rate limit, any other 4xx is permanent.
 */
export function classifyMailgunError(err: unknown, retryAfterMs = DEFAULT_RETRY_AFTER_MS): Error {
  const { status, text } = describe(err);
  const reason = text || 'unknown Mailgun error';
  if (NETWORK_PATTERN.test(text)) return new Error(`Mailgun unreachable: ${reason}`, { cause: err });
  if (status === 429 || /\b429\b|too many requests|rate limit/i.test(text)) {
    return new RateLimitedError(`Mailgun rate limited: ${reason}`, retryAfterMs);
  }
  if (status === undefined || status >= 500 || status === 408) {
    return new Error(`Mailgun temporary failure${status ? ` (${status})` : ''}: ${reason}`, { cause: err });
  }
  if (status >= 400) return new PermanentError(`Mailgun rejected the message (${status}): ${reason}`, reason);
  return new Error(`Mailgun unexpected status ${status}: ${reason}`, { cause: err });
}
