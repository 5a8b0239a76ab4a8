import { createHmac, timingSafeEqual } from 'node:crypto';

export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

/** Hex HMAC-SHA256 of timestamp + token with the webhook signing key (what Mailgun sends). */
export function signMailgunWebhook(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks the signature in constant time and the timestamp's age (both directions, so a far-future
 * timestamp cannot extend a replay window). Token reuse is checked by the caller against storage.
 */
export function verifyMailgunSignature(
  signingKey: string,
  sig: MailgunSignature,
  nowMs: number,
  maxAgeS: number,
): SignatureVerdict {
  if (!/^\d{1,12}$/.test(sig.timestamp)) return { ok: false, reason: 'bad timestamp' };
  if (!/^[0-9a-f]{64}$/i.test(sig.signature)) return { ok: false, reason: 'bad signature format' };
  const expected = Buffer.from(signMailgunWebhook(signingKey, sig.timestamp, sig.token), 'hex');
  const given = Buffer.from(sig.signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'signature mismatch' };
  if (Math.abs(nowMs / 1000 - Number(sig.timestamp)) > maxAgeS)
    return { ok: false, reason: 'stale timestamp' };
  return { ok: true };
}
