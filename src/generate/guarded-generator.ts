import type { Logger } from '../logger.js';
import { countFailure, countFallback, countOutput } from './guardrails/counters.js';
import type { Guardrails } from './guardrails/check-copy.js';
import type { Violation } from './guardrails/rules.js';
import type { CopyGenerator, CopyRequest, EmailCopy } from './types.js';

export interface GuardedGeneratorOptions {
  primary: CopyGenerator;
  /** Deterministic generator used when the primary fails or its copy breaks a rule. */
  fallback: CopyGenerator;
  guardrails: Guardrails;
  logger: Logger;
}

/** No generator produced copy that passes the guardrails. */
export class GuardrailError extends Error {
  override name = 'GuardrailError';
  constructor(
    message: string,
    readonly violations: Violation[],
  ) {
    super(message);
  }
}

function summary(vs: Violation[]): string {
  return [...new Set(vs.map((v) => v.rule))].join(',');
}

/**
 * Applies the guardrails to every output: the primary's copy is checked and, when it fails or
 * throws, replaced by the fallback's, which is checked as well. Reasons are logged and counted.
 */
export function createGuardedGenerator(options: GuardedGeneratorOptions): CopyGenerator {
  const { primary, fallback, guardrails, logger } = options;
  const same = primary === fallback;
  return {
    name: `guarded(${primary.name})`,
    ...(primary.preferredConcurrency ? { preferredConcurrency: primary.preferredConcurrency } : {}),
    async generate(request: CopyRequest): Promise<EmailCopy> {
      let reason: string;
      try {
        const copy = await primary.generate(request);
        const violations = guardrails.checkCopy(copy, request);
        if (violations.length === 0) {
          countOutput(copy.generator);
          return copy;
        }
        reason = summary(violations);
        logger.warn({ generator: primary.name, violations }, 'copy rejected by guardrails, using fallback');
      } catch (err) {
        reason = err instanceof Error ? err.name : 'error';
        logger.warn(
          { generator: primary.name, err: err instanceof Error ? err.message : String(err) },
          'generator failed, using fallback',
        );
      }
      countFallback(reason);
      if (same) {
        countFailure();
        throw new GuardrailError(`${primary.name} produced no acceptable copy (${reason})`, []);
      }
      const copy = await fallback.generate(request);
      const violations = guardrails.checkCopy(copy, request);
      if (violations.length > 0) {
        countFailure();
        logger.error({ generator: fallback.name, violations }, 'fallback copy rejected by guardrails');
        throw new GuardrailError(
          `fallback ${fallback.name} copy broke the guardrails (${summary(violations)})`,
          violations,
        );
      }
      countOutput(copy.generator);
      return copy;
    },
    async close(): Promise<void> {
      await primary.close();
      if (!same) await fallback.close();
    },
  };
}
