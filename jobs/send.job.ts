import type { Config } from '../src/config.js';
import type { EnqueueOptions } from '../src/queues/enqueue.js';
import type { JobDefinition } from '../src/queues/worker.js';
import { recordFinalFailure } from './record-failure.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';
import { sendMessage, sendPolicyFromConfig } from '../src/send/send-service.js';

/**
 * Retry rules of a send job: 5xx and network errors spend attempts with exponential backoff (plenty
 * of them: a send is idempotent); 429s and deferrals spend none.
 */
export function sendJobOptions(config: Pick<Config, 'SEND_ATTEMPTS' | 'SEND_BACKOFF_MS'>): EnqueueOptions {
  return { attempts: config.SEND_ATTEMPTS, backoff: { type: 'exponential', delay: config.SEND_BACKOFF_MS } };
}

/** Stage 4: at most one email per (customer, campaign key); the ledger decides, not the job id. */
export const sendJob: JobDefinition<'send', PipelineDeps> = {
  name: 'send',
  async process(data, { deps, log }) {
    const outcome = await sendMessage(
      {
        models: deps.models,
        ledger: deps.ledger,
        slots: deps.slots,
        reads: deps.reads,
        transport: deps.transport,
        logger: log,
        settings: {
          from: deps.config.MAIL_FROM,
          publicUrl: deps.config.PUBLIC_URL,
          postalAddress: deps.config.STORE_POSTAL_ADDRESS,
          unsubscribeSecret: deps.config.UNSUBSCRIBE_SECRET,
        },
        policy: sendPolicyFromConfig(deps.config),
        onSent: (message) => deps.bandits.recordSend(message),
      },
      data.messageId,
    );
    return outcome;
  },
  onFinalFailure: (data, reason, { deps }) => recordFinalFailure(deps, data, reason),
};
