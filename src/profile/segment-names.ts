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
