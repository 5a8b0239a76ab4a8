export type { OutgoingEmail, SendResult, Transport } from './transport.js';
export { createMailgunTransport, mailgunFields, type MailgunTransportOptions } from './mailgun.transport.js';
export { createOutboxTransport, readOutboxMessage, type OutboxTransportOptions } from './outbox.transport.js';
export { classifyMailgunError, DEFAULT_RETRY_AFTER_MS } from './mailgun-errors.js';
export { buildMimeMessage, encodeHeaderValue, encodeAddress } from './mime.js';
