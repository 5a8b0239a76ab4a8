import type { JobDefinition } from '../src/queues/worker.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';
import { sendMessage } from '../src/send/send-service.js';

/** Stage 4: at most one email per (customer, campaign key); the ledger decides, not the job id. */
export const sendJob: JobDefinition<'send', PipelineDeps> = {
  name: 'send',
  async process(data, { deps, log }) {
    const outcome = await sendMessage(
      {
        models: deps.models,
        ledger: deps.ledger,
        transport: deps.transport,
        logger: log,
        settings: {
          from: deps.config.MAIL_FROM,
          publicUrl: deps.config.PUBLIC_URL,
          postalAddress: deps.config.STORE_POSTAL_ADDRESS,
          unsubscribeSecret: deps.config.UNSUBSCRIBE_SECRET,
        },
      },
      data.messageId,
    );
    return outcome;
  },
};
