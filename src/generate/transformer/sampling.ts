/** Picks a token from one row of log-probabilities: greedy when temperature is 0, else top-p. */
export function sampleToken(
  logp: Float32Array,
  offset: number,
  vocab: number,
  topP: number,
  greedy: boolean,
  rand: () => number,
): number {
  let best = 0;
  let bestLp = -Infinity;
  for (let i = 0; i < vocab; i++) {
    const v = logp[offset + i] ?? -Infinity;
    if (v > bestLp) {
      bestLp = v;
      best = i;
    }
  }
  if (greedy) return best;
  // Only tokens within a factor 1e-4 of the best can matter for any sensible top-p.
  const floor = bestLp - 9.2;
  const cands: { id: number; p: number }[] = [];
  for (let i = 0; i < vocab; i++) {
    const v = logp[offset + i] ?? -Infinity;
    if (v >= floor) cands.push({ id: i, p: Math.exp(v) });
  }
  cands.sort((a, b) => b.p - a.p);
  let mass = 0;
  let cut = cands.length;
  for (let i = 0; i < cands.length; i++) {
    mass += (cands[i] as { p: number }).p;
    if (mass >= topP) {
      cut = i + 1;
      break;
    }
  }
  let r = rand() * Math.min(mass, cands.slice(0, cut).reduce((s, c) => s + c.p, 0));
  for (let i = 0; i < cut; i++) {
    const c = cands[i] as { id: number; p: number };
    r -= c.p;
    if (r <= 0) return c.id;
  }
  return (cands[cut - 1] ?? { id: best }).id;
}
