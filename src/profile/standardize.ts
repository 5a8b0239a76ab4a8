/** Z-score standardisation fitted on training vectors and reused when assigning new ones. */
export interface Scaler {
  mean: number[];
  std: number[];
}

export function fitScaler(rows: number[][]): Scaler {
  const dims = rows[0]?.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  const std = new Array<number>(dims).fill(0);
  for (const r of rows) for (let j = 0; j < dims; j++) mean[j]! += r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < dims; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / rows.length;
  // A constant feature would divide by zero; leave it centred and unscaled.
  return { mean, std: std.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

export function scale(s: Scaler, row: number[]): number[] {
  return row.map((v, j) => (v - s.mean[j]!) / s.std[j]!);
}
