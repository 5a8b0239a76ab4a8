/**
 * Compressed sparse rows: row i's entries are columns[offsets[i] .. offsets[i+1]) with matching
 * values. Used for item -> neighbour lists so a model of n items costs O(n * neighbours) memory.
 */
export interface SparseRows {
  readonly offsets: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float32Array;
}

/** Row count of a sparse matrix. */
export function rowCount(rows: SparseRows): number {
  return rows.offsets.length - 1;
}

/** Builds rows incrementally; rows must be appended in order 0, 1, 2 ... */
export class SparseRowsBuilder {
  private readonly offsets: Int32Array;
  private columns: Int32Array;
  private values: Float32Array;
  private length = 0;
  private row = 0;

  constructor(rows: number, capacityHint = 1024) {
    this.offsets = new Int32Array(rows + 1);
    this.columns = new Int32Array(Math.max(16, capacityHint));
    this.values = new Float32Array(Math.max(16, capacityHint));
  }

  /** Appends the next row from parallel arrays, taking the first `count` entries. */
  appendRow(columns: ArrayLike<number>, values: ArrayLike<number>, count: number): void {
    this.ensure(this.length + count);
    for (let k = 0; k < count; k++) {
      this.columns[this.length] = columns[k] ?? 0;
      this.values[this.length] = values[k] ?? 0;
      this.length++;
    }
    this.row++;
    this.offsets[this.row] = this.length;
  }

  build(): SparseRows {
    // Rows never appended are empty.
    while (this.row < this.offsets.length - 1) {
      this.row++;
      this.offsets[this.row] = this.length;
    }
    return {
      offsets: this.offsets,
      columns: this.columns.slice(0, this.length),
      values: this.values.slice(0, this.length),
    };
  }

  private ensure(size: number): void {
    if (size <= this.columns.length) return;
    const capacity = Math.max(size, this.columns.length * 2);
    const columns = new Int32Array(capacity);
    columns.set(this.columns);
    const values = new Float32Array(capacity);
    values.set(this.values);
    this.columns = columns;
    this.values = values;
  }
}

/** Typed arrays travel as base64 of their little-endian bytes: exact and ~3x smaller than JSON numbers. */
export function encodeTyped(array: Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export function decodeInt32(text: string): Int32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Int32Array(copy.buffer, 0, copy.byteLength >> 2);
}

export function decodeFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, copy.byteLength >> 2);
}
