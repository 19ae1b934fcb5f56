/**
 * Ridge regression by the normal equations (few features, many rows): (XᵀX + λI) w = Xᵀy, solved
 * by Cholesky. The intercept (first column of ones by convention) is not penalised.
 */
export function ridge(
  rows: ReadonlyArray<readonly number[]>,
  y: readonly number[],
  lambda: number,
): number[] {
  const k = rows[0]?.length ?? 0;
  const a = Array.from({ length: k }, () => new Float64Array(k));
  const b = new Float64Array(k);
  for (let r = 0; r < rows.length; r++) {
    const x = rows[r]!;
    for (let i = 0; i < k; i++) {
      b[i]! += x[i]! * y[r]!;
      for (let j = 0; j <= i; j++) a[i]![j]! += x[i]! * x[j]!;
    }
  }
  for (let i = 1; i < k; i++) a[i]![i]! += lambda;
  a[0]![0]! += 1e-9;
  // Cholesky: a = L Lᵀ (lower triangle in place)
  for (let j = 0; j < k; j++) {
    let d = a[j]![j]!;
    for (let p = 0; p < j; p++) d -= a[j]![p]! ** 2;
    const ljj = Math.sqrt(Math.max(d, 1e-12));
    a[j]![j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i]![j]!;
      for (let p = 0; p < j; p++) s -= a[i]![p]! * a[j]![p]!;
      a[i]![j] = s / ljj;
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i]!;
    for (let p = 0; p < i; p++) s -= a[i]![p]! * z[p]!;
    z[i] = s / a[i]![i]!;
  }
  const w = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let p = i + 1; p < k; p++) s -= a[p]![i]! * w[p]!;
    w[i] = s / a[i]![i]!;
  }
  return w;
}

export const dot = (w: readonly number[], x: readonly number[]) => w.reduce((s, wi, i) => s + wi * x[i]!, 0);
