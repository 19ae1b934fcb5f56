/**
 * The little dense linear algebra the factorial regression needs: Cholesky factorisation of a
 * symmetric positive definite matrix (row-major Float64Array) and the inverse from it. X'X of a
 * dummy-coded design is SPD exactly when no column is a combination of others, so a failing pivot
 * names the first column that is — a confounded design — instead of returning garbage.
 */

export class SingularMatrixError extends Error {
  readonly column: number;
  constructor(column: number) {
    super(`matrix is singular at column ${column}`);
    this.column = column;
    this.name = 'SingularMatrixError';
  }
}

/** Lower-triangular L with A = L Lᵀ. A pivot below `tol` × the column's original diagonal is singular. */
export function cholesky(a: Float64Array, p: number, tol = 1e-10): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! ** 2;
    if (!(d > tol * Math.max(a[j * p + j]!, 1e-300))) throw new SingularMatrixError(j);
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** A⁻¹ = L⁻ᵀ L⁻¹ from the Cholesky factor. */
export function inverseFromCholesky(l: Float64Array, p: number): Float64Array {
  // invert L (lower triangular) in place into li
  const li = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    li[i * p + i] = 1 / l[i * p + i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * p + k]! * li[k * p + j]!;
      li[i * p + j] = s / l[i * p + i]!;
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += li[k * p + i]! * li[k * p + j]!;
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  return inv;
}

/** C = A B for p×p row-major matrices. */
export function multiply(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) c[i * p + j]! += aik * b[k * p + j]!;
    }
  return c;
}
