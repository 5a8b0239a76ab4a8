/** A benchmark in the S3-Rec text format: `user item item ...` per line, items oldest first. */
export interface SequenceDataset {
  users: string[];
  sequences: string[][];
  /** Every item id in the file, in first-seen order: the candidate universe for ranking. */
  items: string[];
}

export function parseSequenceFile(text: string): SequenceDataset {
  const users: string[] = [];
  const sequences: string[][] = [];
  const seen = new Set<string>();
  const items: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const user = fields[0];
    if (!user) continue;
    const seq = fields.slice(1);
    users.push(user);
    sequences.push(seq);
    for (const item of seq) {
      if (seen.has(item)) continue;
      seen.add(item);
      items.push(item);
    }
  }
  return { users, sequences, items };
}

/** `{ "item": [attribute ids] }`; ids may be numbers or strings and become strings. */
export function parseAttributeFile(text: string): Record<string, string[]> {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('attribute file must be a JSON object of item -> attribute list');
  }
  const out: Record<string, string[]> = {};
  for (const [item, attrs] of Object.entries(raw)) {
    if (!Array.isArray(attrs)) throw new Error(`attributes of item ${item} must be a list`);
    out[item] = attrs.map((a) => String(a));
  }
  return out;
}
