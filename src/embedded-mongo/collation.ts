/** The collation fields this server models (MongoDB's ICU options, through `Intl.Collator`). */
export interface CollationLike {
  locale?: string;
  strength?: number;
  numericOrdering?: boolean;
  caseFirst?: string;
}

/**
 * The equality form of a string under a collation: strengths 1 and 2 ignore case (1 also
 * accents), and numeric ordering ignores leading zeros of digit runs, as ICU compares them.
 * Index keys, `$in` hashing and `distinct` use it, so it must agree with {@link collatorFor}.
 */
export function foldString(s: string, collation?: CollationLike): string {
  if (!collation || collation.locale === 'simple') return s;
  if (collation.numericOrdering) s = s.replace(/\d+/g, (run) => run.replace(/^0+(?=\d)/, ''));
  if ((collation.strength ?? 3) >= 3) return s;
  const lower = s.toLocaleLowerCase();
  return collation.strength === 1 ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
}

const collators = new Map<string, Intl.Collator>();

/** The string order of a collation (`numericOrdering`, `caseFirst`, strength), cached per spec. */
export function collatorFor(collation: CollationLike): Intl.Collator {
  const key = JSON.stringify(collation);
  let collator = collators.get(key);
  if (!collator) {
    const strength = collation.strength ?? 3;
    let locale = collation.locale ?? 'en';
    if (!Intl.Collator.supportedLocalesOf([locale]).length) locale = 'en';
    collator = new Intl.Collator(locale, {
      sensitivity: strength === 1 ? 'base' : strength === 2 ? 'accent' : 'variant',
      numeric: collation.numericOrdering === true,
      caseFirst:
        collation.caseFirst === 'upper' || collation.caseFirst === 'lower' ? collation.caseFirst : 'false',
      usage: 'sort',
    });
    collators.set(key, collator);
  }
  return collator;
}
