/** Points as one row-major Float64Array (n rows of d values): compact and fast for millions of rows. */
export interface Matrix {
  data: Float64Array;
  n: number;
  d: number;
}

export function matrix(rows: ReadonlyArray<readonly number[]>): Matrix {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const data = new Float64Array(n * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new RangeError(`row ${i} has ${r.length} values, expected ${d}`);
    data.set(r, i * d);
  });
  return { data, n, d };
}

export interface Standardized {
  matrix: Matrix;
  mean: number[];
  /** Population standard deviation per column (1 where a column is constant, so it maps to 0). */
  sd: number[];
}

/** z-scores per column: (value − mean) / standard deviation, so every feature weighs the same. */
export function standardize(m: Matrix): Standardized {
  const { n, d, data } = m;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j]! += (data[i * d + j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) out[i * d + j] = (data[i * d + j]! - mean[j]!) / sd[j]!;
  return { matrix: { data: out, n, d }, mean, sd };
}
