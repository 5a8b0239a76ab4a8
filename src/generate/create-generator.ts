import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createComposer } from './composer/index.js';
import { createGuardedGenerator } from './guarded-generator.js';
import { createGuardrails } from './guardrails/check-copy.js';
import { createOpenAiGenerator } from './openai/openai-generator.js';
import { createTransformerGenerator } from './transformer-generator.js';
import type { CopyGenerator } from './types.js';

/** The model trained by `npm run train:generator` and shipped in the repository. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../models/generator', import.meta.url));

/**
 * The generator the pipeline uses (config GENERATOR), always behind the guardrails with the
 * deterministic composer as fallback. If the Transformer cannot load, the composer serves alone.
 */
export async function createGenerator(
  config: Config,
  logger: Logger,
  modelDir = DEFAULT_MODEL_DIR,
): Promise<CopyGenerator> {
  const guardrails = createGuardrails({ bannedPhrases: config.BANNED_PHRASES });
  const fallback = createComposer();
  let primary: CopyGenerator = fallback;
  if (config.GENERATOR === 'transformer') {
    try {
      primary = await createTransformerGenerator({
        modelDir,
        ...(config.GENERATOR_BACKEND ? { backend: config.GENERATOR_BACKEND } : {}),
        ...(config.GENERATOR_BATCH_SIZE ? { batchSize: config.GENERATOR_BATCH_SIZE } : {}),
        batchWaitMs: config.GENERATOR_BATCH_WAIT_MS,
        bannedPhrases: config.BANNED_PHRASES,
        logger,
      });
    } catch (err) {
      logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        'transformer generator unavailable, using the composer',
      );
    }
  } else if (config.GENERATOR === 'openai') {
    if (!config.OPENAI_BASE_URL || !config.OPENAI_MODEL) {
      throw new Error('GENERATOR=openai needs OPENAI_BASE_URL and OPENAI_MODEL');
    }
    primary = createOpenAiGenerator({
      baseUrl: config.OPENAI_BASE_URL,
      model: config.OPENAI_MODEL,
      ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
      logger,
    });
  }
  return createGuardedGenerator({ primary, fallback, guardrails, logger });
}
