import type { IndexedData } from './fit-parts.js';
import type { FitInput } from './types.js';

/** String-id input turned into dense indices, plus the id of each index. */
export interface EncodedInput {
  items: string[];
  data: IndexedData;
}

/**
 * Maps item and attribute ids to dense indices in first-seen order (catalogue, then sequences,
 * then attributes), so the same input always gives the same indices.
 */
export function encodeInput(input: FitInput): EncodedInput {
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  const add = (id: string): number => {
    let i = itemIndex.get(id);
    if (i === undefined) {
      i = items.length;
      itemIndex.set(id, i);
      items.push(id);
    }
    return i;
  };
  for (const id of input.items ?? []) add(id);
  const sequences = input.sequences.map((seq) => Int32Array.from(seq, add));
  if (!input.items && input.attributes) for (const id of Object.keys(input.attributes)) add(id);

  const data: IndexedData = { nItems: items.length, sequences };
  if (input.attributes) {
    const attrIndex = new Map<string, number>();
    const attributes: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(items.length);
    for (const [id, attrs] of Object.entries(input.attributes)) {
      const i = itemIndex.get(id);
      if (i === undefined) continue;
      const unique = [...new Set(attrs)];
      attributes[i] = Int32Array.from(unique, (a) => {
        let ai = attrIndex.get(a);
        if (ai === undefined) {
          ai = attrIndex.size;
          attrIndex.set(a, ai);
        }
        return ai;
      });
    }
    data.attributes = attributes;
    data.nAttributes = attrIndex.size;
  }
  return { items, data };
}
