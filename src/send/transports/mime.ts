import { randomBytes } from 'node:crypto';
import type { OutgoingEmail } from './transport.js';

const CRLF = '\r\n';

/** RFC 2047 encoded-word(s) for a header value that is not plain ASCII. */
export function encodeHeaderValue(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  // Split on code points so no encoded word cuts a UTF-8 sequence in half; 45 bytes -> 60 chars.
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Encodes the display name of `Name <addr>` when needed; the address itself stays ASCII. */
export function encodeAddress(address: string): string {
  const match = /^\s*"?(.*?)"?\s*<([^>]+)>\s*$/.exec(address);
  if (!match) return address.trim();
  const name = match[1] ?? '';
  const addr = match[2] ?? '';
  if (!name) return `<${addr}>`;
  const plain = /^[\x20-\x7e]*$/.test(name);
  const shown = plain
    ? /[(),.:;<>@[\]\\"]/.test(name)
      ? `"${name.replace(/(["\\])/g, '\\$1')}"`
      : name
    : encodeHeaderValue(name);
  return `${shown} <${addr}>`;
}

function base64Lines(body: string): string {
  const encoded = Buffer.from(body, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

function safeHeaderValue(value: string): string {
  // Header injection guard: a newline in a value would start a new header.
  return value.replace(/[\r\n]+/g, ' ');
}

export interface MimeOptions {
  /** Domain used in the Message-ID header. */
  messageIdDomain: string;
  date?: Date;
  boundary?: string;
}

/**
 * A piece of an encoded message: literal text, or a body that goes out as base64 in 76-column
 * lines (RFC 2045). Kept apart so the outbox's writer thread can do the encoding, which is most
 * of the bytes an email allocates.
 */
export type MimePiece = string | { base64: string };

/** A complete RFC 5322 message: multipart/alternative with a text part then an html part. */
export function buildMimeMessage(email: OutgoingEmail, options: MimeOptions): string {
  return mimeMessagePieces(email, options)
    .map((p) => (typeof p === 'string' ? p : base64Lines(p.base64)))
    .join('');
}

/** `buildMimeMessage` as pieces, its bodies not yet encoded. */
export function mimeMessagePieces(email: OutgoingEmail, options: MimeOptions): MimePiece[] {
  const boundary = options.boundary ?? `=_mailmind_${randomBytes(12).toString('hex')}`;
  const date = options.date ?? new Date();
  const headers: [string, string][] = [
    ['Message-ID', `<${email.messageId}@${options.messageIdDomain}>`],
    ['Date', date.toUTCString().replace('GMT', '+0000')],
    ['From', encodeAddress(email.from)],
    ['To', encodeAddress(email.to)],
    ['Subject', encodeHeaderValue(safeHeaderValue(email.subject))],
    ['MIME-Version', '1.0'],
  ];
  for (const [name, value] of Object.entries(email.headers)) {
    headers.push([name.replace(/[^A-Za-z0-9-]/g, ''), encodeHeaderValue(safeHeaderValue(value))]);
  }
  if (email.tags.length > 0) headers.push(['X-Mailgun-Tag', email.tags.map(safeHeaderValue).join(', ')]);
  const variables = { ...email.variables, message_id: email.messageId };
  headers.push(['X-Mailgun-Variables', JSON.stringify(variables)]);
  headers.push(['Content-Type', `multipart/alternative; boundary="${boundary}"`]);

  const partHead = (type: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: base64',
      '',
      '',
    ].join(CRLF);
  return [
    [
      ...headers.map(([name, value]) => `${name}: ${value}`),
      '',
      'This is a multipart message in MIME format.',
      '',
    ]
      .join(CRLF)
      .concat(partHead('text/plain')),
    { base64: email.text },
    CRLF + partHead('text/html'),
    { base64: email.html },
    `${CRLF}--${boundary}--${CRLF}`,
  ];
}
