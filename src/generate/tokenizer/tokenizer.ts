import { SLOT_NAMES, slotToken } from '../slots.js';
import { SPECIAL_TOKENS, controlTokens } from '../corpus/controls.js';

/**
 * Word-level for Latin script, character-level for CJK, one token per slot and control token.
 * Spaces are not tokens: decode() puts them back by rule, and the corpus is written so that
 * decode(encode(line)) === line.
 */
const PIECE = /\{[a-z]+\}|'s(?![A-Za-z])|[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+(?:[.,]\d+)*|\S/gu;
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026]/u;
const NO_SPACE_BEFORE = new Set([',', '.', '!', '?', ':', ';', ')', '%', "'s"]);
const NO_SPACE_AFTER = new Set(['(', '$', '#']);

export function pretokenize(text: string): string[] {
  return text.match(PIECE) ?? [];
}

function isCjk(token: string): boolean {
  return CJK.test(token);
}

export function joinPieces(pieces: readonly string[]): string {
  let out = '';
  let prev: string | undefined;
  for (const p of pieces) {
    if (
      prev !== undefined &&
      !isCjk(prev) &&
      !isCjk(p) &&
      !NO_SPACE_BEFORE.has(p) &&
      !NO_SPACE_AFTER.has(prev)
    ) {
      out += ' ';
    }
    out += p;
    prev = p;
  }
  return out;
}

export class Tokenizer {
  readonly vocab: readonly string[];
  private readonly index: Map<string, number>;
  readonly padId: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly unkId: number;
  /** Slot name -> token id. */
  readonly slotIds: ReadonlyMap<string, number>;
  /** Ids the model must never emit while writing text (pad, bos, unk, control tokens). */
  readonly nonTextIds: readonly number[];

  constructor(vocab: readonly string[]) {
    this.vocab = vocab;
    this.index = new Map(vocab.map((t, i) => [t, i]));
    if (this.index.size !== vocab.length) throw new Error('tokenizer vocab has duplicates');
    this.padId = this.id('<pad>');
    this.bosId = this.id('<bos>');
    this.eosId = this.id('<eos>');
    this.unkId = this.id('<unk>');
    this.slotIds = new Map(SLOT_NAMES.map((s) => [s, this.id(slotToken(s))]));
    this.nonTextIds = vocab
      .map((t, i) => [t, i] as const)
      .filter(([t]) => t !== '<eos>' && t.startsWith('<') && t.endsWith('>') && t.length > 2)
      .map(([, i]) => i);
  }

  /** Builds the vocabulary from the corpus text pieces: specials, controls, slots, then sorted pieces. */
  static fromPieces(pieces: Iterable<string>): Tokenizer {
    const fixed = [...SPECIAL_TOKENS, ...controlTokens(), ...SLOT_NAMES.map(slotToken)];
    const fixedSet = new Set(fixed);
    const rest = [...new Set(pieces)].filter((p) => !fixedSet.has(p)).sort();
    return new Tokenizer([...fixed, ...rest]);
  }

  get size(): number {
    return this.vocab.length;
  }

  id(token: string): number {
    const i = this.index.get(token);
    if (i === undefined) throw new Error(`token not in vocabulary: ${token}`);
    return i;
  }

  has(token: string): boolean {
    return this.index.has(token);
  }

  /** Text -> ids; an unknown word falls back to its characters, then to <unk>. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const piece of pretokenize(text)) {
      const id = this.index.get(piece);
      if (id !== undefined) {
        ids.push(id);
        continue;
      }
      for (const ch of piece) ids.push(this.index.get(ch) ?? this.unkId);
    }
    return ids;
  }

  /** Ids -> text; stops at <eos>, skips control tokens. */
  decode(ids: readonly number[]): string {
    const pieces: string[] = [];
    for (const id of ids) {
      if (id === this.eosId) break;
      const t = this.vocab[id];
      if (t === undefined || (t.startsWith('<') && t.endsWith('>') && t.length > 2)) continue;
      pieces.push(t);
    }
    return joinPieces(pieces);
  }
}
