/**
 * The write errors of a failed unordered bulk write when every one of them is a duplicate key
 * (11000), as racing upserts produce; undefined when anything else failed or the error is not a
 * bulk write's. Callers treat such a batch as done, or retry only the listed ops.
 */
export function duplicateKeyWriteErrors(err: unknown): Array<{ index: number }> | undefined {
  const errors = (err as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number } }> })
    .writeErrors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.every((e) => (e.code ?? e.err?.code) === 11000) ? errors : undefined;
}
