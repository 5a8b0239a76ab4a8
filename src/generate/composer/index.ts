import type { CopyGenerator, CopyRequest, EmailCopy } from '../types.js';
import { composeCopy } from './compose.js';

export { composeCopy, defaultSeed, fillLine, PHRASE_BANKS, resolveVariant } from './compose.js';
export { formatDiscount, formatPrice, hasDiscount, leadProduct, parseReason, segmentKind } from './facts.js';
export {
  SEGMENT_KINDS,
  SUBJECT_VARIANTS,
  type PhraseBank,
  type SegmentKind,
  type SubjectVariant,
} from './phrase-bank.js';

/** The deterministic baseline generator and the guaranteed fallback behind the Transformer. */
export function createComposer(): CopyGenerator {
  return {
    name: 'composer',
    async generate(request: CopyRequest): Promise<EmailCopy> {
      return composeCopy(request);
    },
    async close(): Promise<void> {},
  };
}
