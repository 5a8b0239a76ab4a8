import { TONES, type Tone } from '../types.js';
import { joinPieces, pretokenize } from '../tokenizer/tokenizer.js';
import { SEGMENT_CLASSES, type SegmentClass } from './controls.js';

/**
 * Phrase-bank line syntax: `(tone,segment,...) text with [alter|native|s] @macros and {slots}`.
 * The optional leading tag list restricts the line to those tones and/or segments; `[a|b]` picks
 * one option; `@word` expands to a tone- or segment-specific phrase list.
 */
export interface Template {
  text: string;
  tones?: readonly Tone[];
  segments?: readonly SegmentClass[];
}

export type MacroTable = Record<string, readonly string[]>;

/** Macros by tone and by segment class, per locale. */
export interface MacroSet {
  tone: Record<Tone, MacroTable>;
  segment: Record<SegmentClass, MacroTable>;
}

const TONE_SET = new Set<string>(TONES);
const SEG_SET = new Set<string>(SEGMENT_CLASSES);

export function parseTemplate(line: string): Template {
  const m = /^\(([a-z,\s]+)\)\s*(.*)$/.exec(line);
  if (!m) return { text: line };
  const tags = (m[1] ?? '').split(',').map((s) => s.trim());
  const tones = tags.filter((t) => TONE_SET.has(t)) as Tone[];
  const segments = tags.filter((t) => SEG_SET.has(t)) as SegmentClass[];
  for (const t of tags)
    if (!TONE_SET.has(t) && !SEG_SET.has(t)) throw new Error(`unknown tag ${t} in "${line}"`);
  return {
    text: m[2] ?? '',
    ...(tones.length ? { tones } : {}),
    ...(segments.length ? { segments } : {}),
  };
}

export function templateApplies(t: Template, tone: Tone, segment: SegmentClass): boolean {
  if (t.tones && !t.tones.includes(tone)) return false;
  if (t.segments && !t.segments.includes(segment)) return false;
  return true;
}

function macroOptions(name: string, macros: MacroSet, tone: Tone, segment: SegmentClass): readonly string[] {
  const opts = macros.tone[tone][name] ?? macros.segment[segment][name];
  if (!opts) throw new Error(`unknown macro @${name}`);
  return opts;
}

const MACRO = /@([a-z]+)/g;
const ALT = /\[([^[\]]*)\]/g;

/** Canonical spacing: the text exactly as the tokenizer decodes it. */
export function canonical(text: string): string {
  return joinPieces(pretokenize(text.replace(/\s+/g, ' ').trim()));
}

/** One random expansion of a template for a tone and segment. */
export function sampleExpansion(
  t: Template,
  macros: MacroSet,
  tone: Tone,
  segment: SegmentClass,
  rand: () => number,
): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let text = t.text;
  for (let depth = 0; depth < 3 && /@[a-z]/.test(text); depth++) {
    text = text.replace(MACRO, (_w, name: string) => pick(macroOptions(name, macros, tone, segment)));
  }
  text = text.replace(ALT, (_w, body: string) => pick(body.split('|')));
  return canonical(text);
}

/** Every expansion of a template for a tone and segment (the corpus membership test for "verbatim"). */
export function allExpansions(t: Template, macros: MacroSet, tone: Tone, segment: SegmentClass): string[] {
  const expandMacros = (text: string, depth: number): string[] => {
    const m = /@([a-z]+)/.exec(text);
    if (!m || depth > 3) return [text];
    const opts = macroOptions(m[1] ?? '', macros, tone, segment);
    return opts.flatMap((o) =>
      expandMacros(text.slice(0, m.index) + o + text.slice(m.index + m[0].length), depth + 1),
    );
  };
  const expandAlts = (text: string): string[] => {
    const m = /\[([^[\]]*)\]/.exec(text);
    if (!m) return [text];
    return (m[1] ?? '')
      .split('|')
      .flatMap((o) => expandAlts(text.slice(0, m.index) + o + text.slice(m.index + m[0].length)));
  };
  return expandMacros(t.text, 0).flatMap(expandAlts).map(canonical);
}
