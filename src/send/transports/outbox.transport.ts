import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermanentError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { createFileWriterThread } from './file-writer-thread.js';
import { mimeMessagePieces } from './mime.js';
import type { OutgoingEmail, SendResult, Transport } from './transport.js';

export interface OutboxTransportOptions {
  /** Directory for `<messageId>.eml` and `<messageId>.html`; created when missing. */
  dir: string;
  logger: Logger;
  /** Domain in the generated Message-ID header. @defaultValue outbox.mailmind.local */
  messageIdDomain?: string;
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,200}$/;

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * The embedded default transport when no Mailgun key is set: every email becomes a file you can
 * open in a mail client (.eml) or a browser (.html). The .eml is written last, so its presence
 * means the send completed; a second send of the same id is a no-op.
 */
export function createOutboxTransport(options: OutboxTransportOptions): Transport {
  const { dir, logger } = options;
  const domain = options.messageIdDomain ?? 'outbox.mailmind.local';
  const providerId = (messageId: string) => `<${messageId}@${domain}>`;
  const writer = createFileWriterThread();
  let closed = false;

  const paths = (messageId: string) => {
    if (!SAFE_ID.test(messageId))
      throw new PermanentError(`unsafe message id for outbox: ${messageId}`, 'bad_message_id');
    return { eml: join(dir, `${messageId}.eml`), html: join(dir, `${messageId}.html`) };
  };

  return {
    name: 'outbox',

    async send(email: OutgoingEmail): Promise<SendResult> {
      if (closed) throw new Error('outbox transport is closed');
      const { eml, html } = paths(email.messageId);
      const wrote = await writer.write({
        dir,
        skipIfExists: eml,
        files: [
          { path: html, content: email.html },
          { path: eml, content: mimeMessagePieces(email, { messageIdDomain: domain }) },
        ],
      });
      if (!wrote) logger.debug({ messageId: email.messageId }, 'outbox: already written');
      return { providerMessageId: providerId(email.messageId) };
    },

    async findByMessageId(messageId: string): Promise<SendResult | null> {
      const { eml } = paths(messageId);
      return exists(eml) ? { providerMessageId: providerId(messageId) } : null;
    },

    async close(): Promise<void> {
      closed = true;
      await writer.close();
    },
  };
}

/** Reads a written .eml back (tests, previews). */
export async function readOutboxMessage(dir: string, messageId: string): Promise<string | null> {
  try {
    return await readFile(join(dir, `${messageId}.eml`), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
