import { describe, expect, it } from 'vitest';
import { signMailgunWebhook, verifyMailgunSignature } from '../../../src/evaluate/mailgun-signature.js';

const KEY = 'key-signing-test';

describe('Mailgun webhook signature', () => {
  const now = 1_800_000_000_000;
  const timestamp = String(now / 1000 - 10);
  const token = 'a'.repeat(50);
  const signature = signMailgunWebhook(KEY, timestamp, token);

  it('accepts a fresh, correctly signed webhook', () => {
    expect(verifyMailgunSignature(KEY, { timestamp, token, signature }, now, 300)).toEqual({ ok: true });
  });

  it('rejects a forged signature, another key, a stale or far-future timestamp', () => {
    expect(verifyMailgunSignature(KEY, { timestamp, token, signature: 'f'.repeat(64) }, now, 300).ok).toBe(
      false,
    );
    expect(verifyMailgunSignature('other', { timestamp, token, signature }, now, 300).ok).toBe(false);
    const old = String(now / 1000 - 301);
    expect(
      verifyMailgunSignature(
        KEY,
        { timestamp: old, token, signature: signMailgunWebhook(KEY, old, token) },
        now,
        300,
      ),
    ).toEqual({
      ok: false,
      reason: 'stale timestamp',
    });
    const future = String(now / 1000 + 3600);
    expect(
      verifyMailgunSignature(
        KEY,
        { timestamp: future, token, signature: signMailgunWebhook(KEY, future, token) },
        now,
        300,
      ).ok,
    ).toBe(false);
    expect(verifyMailgunSignature(KEY, { timestamp: 'x', token, signature }, now, 300).ok).toBe(false);
  });
});
