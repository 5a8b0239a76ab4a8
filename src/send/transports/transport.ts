/** One rendered email ready to hand to a provider. */
export interface OutgoingEmail {
  /** Our ledger id; also sent as the variable `v:message_id` and used as the idempotency key. */
  messageId: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  tags: string[];
  variables: Record<string, string>;
}

export interface SendResult {
  providerMessageId: string;
}

/**
 * A way out of the system (Mailgun, local outbox). `send` throws RateLimitedError on throttling,
 * PermanentError when retrying cannot help, and a plain Error for anything worth retrying.
 */
export interface Transport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<SendResult>;
  /** Reconciles a send whose outcome is unknown (crash between request and ledger update). */
  findByMessageId(messageId: string): Promise<SendResult | null>;
  close(): Promise<void>;
}
