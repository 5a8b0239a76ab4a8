import FormData from 'form-data';
import Mailgun from 'mailgun.js';
import type { Logger } from '../../logger.js';
import { classifyMailgunError } from './mailgun-errors.js';
import type { OutgoingEmail, SendResult, Transport } from './transport.js';

export interface MailgunTransportOptions {
  apiKey: string;
  /** Sending domain, e.g. mg.example.com. */
  domain: string;
  /** API base URL; the EU region or a local sink in tests. @defaultValue https://api.mailgun.net */
  url?: string;
  logger: Logger;
  /** Request timeout in ms. @defaultValue 30000 */
  timeoutMs?: number;
  /** Queue pause after a 429 (Mailgun's Retry-After does not reach us). @defaultValue 1000 */
  rateLimitPauseMs?: number;
}

type MailgunMessageData = Parameters<ReturnType<Mailgun['client']>['messages']['create']>[1];

/** Form fields for one message: `h:` headers, repeated `o:tag`, `v:` variables (message_id always). */
export function mailgunFields(email: OutgoingEmail): MailgunMessageData {
  const fields: MailgunMessageData = {
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
  };
  for (const [name, value] of Object.entries(email.headers)) fields[`h:${name}`] = value;
  if (email.tags.length > 0) fields['o:tag'] = [...email.tags];
  for (const [name, value] of Object.entries(email.variables)) fields[`v:${name}`] = value;
  fields['v:message_id'] = email.messageId;
  return fields;
}

/** Sends through the real mailgun.js client. */
export function createMailgunTransport(options: MailgunTransportOptions): Transport {
  const { domain, logger } = options;
  const client = new Mailgun(FormData).client({
    username: 'api',
    key: options.apiKey,
    url: options.url ?? 'https://api.mailgun.net',
    timeout: options.timeoutMs ?? 30_000,
  });
  let closed = false;

  return {
    name: 'mailgun',

    async send(email: OutgoingEmail): Promise<SendResult> {
      if (closed) throw new Error('mailgun transport is closed');
      try {
        const result = await client.messages.create(domain, mailgunFields(email));
        if (!result.id) throw new Error(`Mailgun answered without an id (status ${result.status})`);
        return { providerMessageId: result.id };
      } catch (err) {
        const classified = classifyMailgunError(err, options.rateLimitPauseMs);
        logger.debug({ messageId: email.messageId, err: classified.message }, 'mailgun send failed');
        throw classified;
      }
    },

    async findByMessageId(messageId: string): Promise<SendResult | null> {
      try {
        // The documented filter fields do not list user variables, but the API accepts the
        // `user-variables` JSON filter; mailgun.js passes unknown query keys through.
        const query = {
          event: 'accepted',
          'user-variables': JSON.stringify({ message_id: messageId }),
          ascending: 'no' as const,
          limit: 10,
        };
        const list = await client.events.get(domain, query);
        for (const item of list.items) {
          const vars = item['user-variables'] as Record<string, unknown> | undefined;
          const id = item.message?.headers?.['message-id'];
          if (item.event === 'accepted' && vars?.message_id === messageId && id) {
            return { providerMessageId: id.startsWith('<') ? id : `<${id}>` };
          }
        }
        return null;
      } catch (err) {
        throw classifyMailgunError(err);
      }
    },

    async close(): Promise<void> {
      closed = true;
    },
  };
}
