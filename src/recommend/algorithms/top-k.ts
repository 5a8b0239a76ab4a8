/**
 * Selects the k best candidates by score with a bounded min-heap: O(n log k), no full sort.
 * Order is deterministic: higher score first, equal scores by lower item index.
 */

/** True when (scoreA, a) ranks strictly before (scoreB, b). */
function before(scoreA: number, a: number, scoreB: number, b: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && a < b);
}

/**
 * Returns up to k item indices from `candidates[0..count)`, best first, where `scores[item]` is
 * the score and `skip(item)` (optional) removes an item from consideration.
 */
export function topK(
  candidates: ArrayLike<number>,
  count: number,
  scores: ArrayLike<number>,
  k: number,
  skip?: (item: number) => boolean,
): number[] {
  if (k <= 0) return [];
  // heap[0] is the worst item kept so far.
  const heap: number[] = [];
  for (let c = 0; c < count; c++) {
    const item = candidates[c] ?? 0;
    if (skip?.(item)) continue;
    const score = scores[item] ?? 0;
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap, scores, heap.length - 1);
    } else {
      const worst = heap[0] ?? 0;
      if (before(score, item, scores[worst] ?? 0, worst)) {
        heap[0] = item;
        siftDown(heap, scores, 0);
      }
    }
  }
  return heap.sort((a, b) => {
    const sa = scores[a] ?? 0;
    const sb = scores[b] ?? 0;
    return sb - sa || a - b;
  });
}

/** All items 0..n-1 as a candidate list (for full-catalogue selection). */
export function rangeCandidates(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

// In the heap, "worse" items bubble to the root.
function worse(scores: ArrayLike<number>, a: number, b: number): boolean {
  return before(scores[b] ?? 0, b, scores[a] ?? 0, a);
}

function siftUp(heap: number[], scores: ArrayLike<number>, index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const item = heap[i] ?? 0;
    const parentItem = heap[parent] ?? 0;
    if (!worse(scores, item, parentItem)) break;
    heap[i] = parentItem;
    heap[parent] = item;
    i = parent;
  }
}

function siftDown(heap: number[], scores: ArrayLike<number>, index: number): void {
  let i = index;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let target = i;
    if (left < heap.length && worse(scores, heap[left] ?? 0, heap[target] ?? 0)) target = left;
    if (right < heap.length && worse(scores, heap[right] ?? 0, heap[target] ?? 0)) target = right;
    if (target === i) return;
    const tmp = heap[i] ?? 0;
    heap[i] = heap[target] ?? 0;
    heap[target] = tmp;
    i = target;
  }
}
