import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Unsubscribe tokens name the customer and carry an HMAC over (customer id, address), so a token
 * cannot be forged and one shopper's token cannot unsubscribe another address.
 */
export function signUnsubscribeToken(secret: string, customerId: string, email: string): string {
  return `${customerId}.${mac(secret, customerId, email)}`;
}

/** The customer a token claims to be for, before it is verified against that customer's address. */
export function customerIdOfToken(token: string): string | undefined {
  const [customerId, signature] = token.split('.');
  return customerId && signature && /^[a-f0-9]{24}$/.test(customerId) ? customerId : undefined;
}

export function verifyUnsubscribeToken(secret: string, token: string, email: string): boolean {
  const customerId = customerIdOfToken(token);
  const signature = token.split('.')[1];
  if (!customerId || !signature) return false;
  const expected = Buffer.from(mac(secret, customerId, email));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The recipient's unsubscribe page. With `messageId`, the unsubscribe is also counted against the
 * email it came from (`?m=`); the signed token alone decides who is unsubscribed.
 */
export function unsubscribeUrl(publicUrl: string, token: string, messageId?: string): string {
  const base = `${publicUrl.replace(/\/$/, '')}/unsubscribe/${encodeURIComponent(token)}`;
  return messageId ? `${base}?m=${encodeURIComponent(messageId)}` : base;
}

function mac(secret: string, customerId: string, email: string): string {
  return createHmac('sha256', secret)
    .update(`${customerId}\n${email.trim().toLowerCase()}`)
    .digest('base64url');
}
