import type { Locale } from '../types.js';

/** Every field a guardrail checks; `blurb` is one product's line. */
export type CopyField = 'subject' | 'preheader' | 'greeting' | 'intro' | 'blurb' | 'cta';

/** Maximum length in characters after the slots are filled. */
export const LENGTH_LIMITS: Record<Locale, Record<CopyField, number>> = {
  en: { subject: 90, preheader: 140, greeting: 60, intro: 420, blurb: 240, cta: 40 },
  'zh-CN': { subject: 45, preheader: 70, greeting: 30, intro: 200, blurb: 120, cta: 16 },
};
