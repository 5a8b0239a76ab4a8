/** One held-out prediction: given `history` (oldest first), the next item was `target`. */
export interface EvalCase {
  user: number;
  history: Int32Array;
  target: number;
}

/** Training sequences with each user's last item removed, and that item as the case to predict. */
export interface HoldOut {
  train: Int32Array[];
  cases: EvalCase[];
}

/**
 * Removes each user's last item. Users left with fewer than `minHistory` items give no case (there
 * is nothing to condition on) and keep their whole sequence for training.
 */
export function holdOutLast(sequences: readonly Int32Array[], minHistory = 1): HoldOut {
  const train: Int32Array[] = [];
  const cases: EvalCase[] = [];
  sequences.forEach((seq, user) => {
    if (seq.length < minHistory + 1) {
      train.push(seq);
      return;
    }
    const history = seq.subarray(0, seq.length - 1);
    train.push(history);
    cases.push({ user, history, target: seq[seq.length - 1] ?? -1 });
  });
  return { train, cases };
}

/**
 * The S3-Rec leave-one-out protocol: the last item is the test target (fit on everything before
 * it), the second-last the validation target (fit on everything before that). Tuning only ever
 * sees `validation`.
 */
export function leaveOneOut(sequences: readonly Int32Array[]): { validation: HoldOut; test: HoldOut } {
  const test = holdOutLast(sequences);
  return { validation: holdOutLast(test.train), test };
}
