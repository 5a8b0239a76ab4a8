/** A failure that retrying cannot fix (bad payload, no consent, suppressed address, provider 4xx). */
export class PermanentError extends Error {
  override name = 'PermanentError';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A provider asked us to slow down; the worker pauses instead of spending an attempt. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** Not now, later: the job is moved to the delayed set until `until` without spending an attempt. */
export class DeferredError extends Error {
  override name = 'DeferredError';
  constructor(
    message: string,
    readonly until: Date,
  ) {
    super(message);
  }
}
