import type { CampaignType, Locale, Tone } from '../types.js';
import type { Field, SegmentClass } from './controls.js';
import { EN_BANK } from './phrase-bank.en.js';
import { ZH_BANK } from './phrase-bank.zh.js';
import { parseTemplate, templateApplies, type MacroSet, type Template } from './template.js';

export interface PhraseBank {
  macros: MacroSet;
  /** Deterministic greeting lines per tone; `named` ones use {name}. */
  greetings: Record<Tone, { named: readonly string[]; anonymous: readonly string[] }>;
  /** Lines per field and campaign; `all` lines apply to every campaign. */
  fields: Record<Field, Record<CampaignType | 'all', readonly string[]>>;
}

export const PHRASE_BANKS: Record<Locale, PhraseBank> = { en: EN_BANK, 'zh-CN': ZH_BANK };

const parsed = new Map<string, Template[]>();

/** Templates for a locale, field and campaign (campaign-specific lines plus the shared ones). */
export function templatesFor(locale: Locale, field: Field, campaign: CampaignType): Template[] {
  const key = `${locale}|${field}|${campaign}`;
  let list = parsed.get(key);
  if (!list) {
    const f = PHRASE_BANKS[locale].fields[field];
    list = [...f[campaign], ...f.all].map(parseTemplate);
    parsed.set(key, list);
  }
  return list;
}

export function applicableTemplates(
  locale: Locale,
  field: Field,
  campaign: CampaignType,
  tone: Tone,
  segment: SegmentClass,
): Template[] {
  return templatesFor(locale, field, campaign).filter((t) => templateApplies(t, tone, segment));
}
