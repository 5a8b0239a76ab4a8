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
export { CLAIM_KINDS, findClaims, type ClaimKind, type ClaimMatch } from './claim-patterns.js';
export {
  LOW_STOCK,
  NEW_TAG,
  productBacking,
  pickedForPopularity,
  type ClaimBacking,
  type ClaimEvidence,
} from './claim-backing.js';
export * from './counters.js';
