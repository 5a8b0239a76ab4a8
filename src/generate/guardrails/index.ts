export {
  checkText,
  RULES,
  type RuleName,
  type Violation,
  type FactContext,
  type GuardrailOptions,
} from './rules.js';
export { checkCopy, createGuardrails, factContext, type Guardrails } from './check-copy.js';
export { LENGTH_LIMITS, type CopyField } from './limits.js';
export { SPAM_TRIGGERS } from './lexicon.js';
export * from './counters.js';
