/**
 * Picks one of a row's top-k tokens (log-probabilities sorted descending, as tf.topk returns
 * them): the first when greedy, else nucleus (top-p) sampling within the top k.
 * Returns the position within the row's top k.
 */
export function sampleTopK(
  logp: Float32Array,
  offset: number,
  k: number,
  topP: number,
  greedy: boolean,
  rand: () => number,
): number {
  if (greedy) return 0;
  let mass = 0;
  let cut = k;
  for (let i = 0; i < k; i++) {
    mass += Math.exp(logp[offset + i] ?? -Infinity);
    if (mass >= topP) {
      cut = i + 1;
      break;
    }
  }
  let r = rand() * mass;
  for (let i = 0; i < cut; i++) {
    r -= Math.exp(logp[offset + i] ?? -Infinity);
    if (r <= 0) return i;
  }
  return cut - 1;
}
