/**
 * Readable segment names from a standardised centroid: the features that stand out most (in
 * z-score) decide the name, so names follow the data rather than a fixed list of clusters.
 */
export function nameSegment(z: number[], featureNames: readonly string[]): string {
  const f = (name: string) => z[featureNames.indexOf(name)] ?? 0;
  const recent = -f('recencyDays');
  const frequent = f('frequency');
  const spend = f('monetary');
  const browsing = f('views30d') + f('cartAdds30d');
  const engaged = -f('engagementRecencyDays');
  const clicks = f('emailClicks90d');
  const price = f('priceLevel');

  let core: string;
  if (frequent > 0.8 && spend > 0.8) core = 'loyal big spenders';
  else if (frequent > 0.4 && recent > 0.3) core = 'regular buyers';
  else if (f('frequency') < -0.5 && browsing > 0.5) core = 'window shoppers';
  else if (f('cartAdds30d') > 0.8) core = 'cart abandoners';
  else if (recent < -0.6 && frequent > -0.2) core = 'lapsed customers';
  else if (engaged < -0.6) core = 'dormant subscribers';
  else if (frequent < -0.3 && engaged > 0.3) core = 'new shoppers';
  else core = 'occasional shoppers';

  const qualifier = price > 0.7 ? 'premium' : price < -0.7 ? 'budget' : clicks > 0.8 ? 'email-engaged' : '';
  return qualifier ? `${qualifier} ${core}` : core;
}

/**
 * How to say a segment sits lower or higher than its namesakes on a feature. Comparative, because
 * the word only separates segments that share a name; it says nothing about the whole store.
 */
const CONTRASTS: Readonly<Record<string, readonly [lower: string, higher: string]>> = {
  recencyDays: ['more recent', 'less recent'],
  frequency: ['less frequent', 'more frequent'],
  monetary: ['lower-spend', 'higher-spend'],
  avgOrderValue: ['smaller-basket', 'bigger-basket'],
  views30d: ['lighter-browsing', 'heavier-browsing'],
  cartAdds30d: ['fewer-cart-adds', 'more-cart-adds'],
  engagementRecencyDays: ['recently engaged', 'long unengaged'],
  emailClicks90d: ['fewer-click', 'more-click'],
  priceLevel: ['lower-priced', 'higher-priced'],
};

/** Below this spread (in z-score) centroids do not differ enough on a feature to be told apart by it. */
const MIN_SPREAD = 0.25;

/**
 * Names every centroid of a model, all distinct. Centroids whose `nameSegment` names collide are
 * told apart by the feature on which they differ most (its comparative word goes in front), again
 * by the next feature while some still share a name; a numeral is the last resort, for centroids
 * that no named feature separates.
 */
export function nameSegments(centroidsZ: number[][], featureNames: readonly string[]): string[] {
  const names = centroidsZ.map((z) => nameSegment(z, featureNames));
  const groups = new Map<string, number[]>();
  names.forEach((n, i) => groups.set(n, [...(groups.get(n) ?? []), i]));
  for (const members of groups.values()) {
    if (members.length > 1) separate(members, centroidsZ, featureNames, names, new Set());
  }
  return withNumerals(names);
}

/** Splits one group of same-named centroids at the middle of its widest feature, then recurses. */
function separate(
  members: number[],
  centroidsZ: number[][],
  featureNames: readonly string[],
  names: string[],
  used: ReadonlySet<number>,
): void {
  let widest: { feature: number; spread: number; mid: number } | undefined;
  featureNames.forEach((name, feature) => {
    if (used.has(feature) || !CONTRASTS[name]) return;
    const values = members.map((i) => centroidsZ[i]?.[feature] ?? 0);
    const spread = Math.max(...values) - Math.min(...values);
    if (spread >= MIN_SPREAD && (!widest || spread > widest.spread))
      widest = { feature, spread, mid: (Math.max(...values) + Math.min(...values)) / 2 };
  });
  if (!widest) return;
  const { feature, mid } = widest;
  const [lower, higher] = CONTRASTS[featureNames[feature] as string] as readonly [string, string];
  const low = members.filter((i) => (centroidsZ[i]?.[feature] ?? 0) < mid);
  const high = members.filter((i) => (centroidsZ[i]?.[feature] ?? 0) >= mid);
  const next = new Set(used).add(feature);
  for (const [side, word] of [
    [low, lower],
    [high, higher],
  ] as const) {
    for (const i of side) names[i] = `${word} ${names[i]}`;
    if (side.length > 1) separate(side, centroidsZ, featureNames, names, next);
  }
}

/** The last resort: the second and later holders of a name get ' 2', ' 3' ... */
export function withNumerals(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} ${count}`;
  });
}
