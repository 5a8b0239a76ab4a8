import { describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError } from '../../../src/errors.js';
import { classifyMailgunError } from '../../../src/send/transports/mailgun-errors.js';
import { unsubscribeHeaders } from '../../../src/send/unsubscribe-headers.js';

const apiError = (status: number, message: string, details = '') =>
  Object.assign(new Error(message), { status, details });
const kind = (err: Error) =>
  err instanceof RateLimitedError ? 'rate' : err instanceof PermanentError ? 'permanent' : 'retry';

describe('classifyMailgunError', () => {
  it.each([
    [apiError(429, 'Too Many Requests'), 'rate'],
    [apiError(400, 'Too many requests'), 'rate'],
    [apiError(500, 'Internal Server Error'), 'retry'],
    [apiError(503, 'Service Unavailable'), 'retry'],
    [apiError(400, 'connect ECONNREFUSED 127.0.0.1:9'), 'retry'],
    [apiError(400, 'Bad Request', 'read ECONNRESET'), 'retry'],
    [apiError(400, 'socket hang up'), 'retry'],
    [apiError(400, 'timeout of 30000ms exceeded'), 'retry'],
    [Object.assign(new Error('oops'), { code: 'ETIMEDOUT' }), 'retry'],
    [new Error('no status at all'), 'retry'],
    [apiError(400, "'to' parameter is not a valid address"), 'permanent'],
    [apiError(401, 'Unauthorized', 'Invalid private key'), 'permanent'],
    [apiError(404, 'Domain not found'), 'permanent'],
  ] as const)('%s -> %s', (err, expected) => {
    expect(kind(classifyMailgunError(err))).toBe(expected);
  });

  it('keeps the provider reason on permanent errors and a pause on rate limits', () => {
    const permanent = classifyMailgunError(apiError(400, 'Bad Request', "'to' parameter is missing"));
    expect((permanent as PermanentError).reason).toContain("'to' parameter is missing");
    expect((classifyMailgunError(apiError(429, 'x')) as RateLimitedError).retryAfterMs).toBe(1000);
  });
});

describe('unsubscribeHeaders', () => {
  it('gives RFC 2369 + RFC 8058 one-click headers', () => {
    expect(unsubscribeHeaders('https://x.example/u/1', 'unsub@x.example')).toEqual({
      'List-Unsubscribe': '<https://x.example/u/1>, <mailto:unsub@x.example>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribeHeaders('https://x.example/u/1')['List-Unsubscribe']).toBe('<https://x.example/u/1>');
    expect(unsubscribeHeaders('https://x.example/u/1', 'mailto:a@b.example')['List-Unsubscribe']).toContain(
      '<mailto:a@b.example>',
    );
    expect(() => unsubscribeHeaders('javascript:alert(1)')).toThrow();
  });
});
