/** Nelder–Mead simplex minimisation, used for the maximum-likelihood fits (no derivatives needed). */

export interface MinimizeOptions {
  /** Initial simplex edge length along each axis. */
  step?: number;
  maxIterations?: number;
  /** Stop when the simplex's function values differ by less than this. */
  fTolerance?: number;
  /** ...and its vertices by less than this in every coordinate. */
  xTolerance?: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  iterations: number;
  evaluations: number;
}

/**
 * Minimises `f` from `x0` with the standard coefficients (reflect 1, expand 2, contract ½, shrink ½).
 * Non-finite values count as +∞, so a likelihood that overflows simply pushes the simplex away.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  o: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  const step = o.step ?? 0.5;
  const maxIt = o.maxIterations ?? 2000 * n;
  const fTol = o.fTolerance ?? 1e-10;
  const xTol = o.xTolerance ?? 1e-8;
  let evaluations = 0;
  const fx = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const pts: number[][] = [Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const p = Array.from(x0);
    p[i]! += step;
    pts.push(p);
  }
  let vals = pts.map(fx);
  let it = 0;
  const along = (c: number[], from: number[], t: number) => c.map((ci, j) => ci + t * (from[j]! - ci));
  for (; it < maxIt; it++) {
    const order = vals.map((_, i) => i).sort((i, j) => vals[i]! - vals[j]!);
    const sorted = order.map((i) => pts[i]!);
    vals = order.map((i) => vals[i]!);
    pts.splice(0, pts.length, ...sorted);
    const best = pts[0]!;
    const spread = Math.max(...pts.slice(1).map((p) => Math.max(...p.map((v, j) => Math.abs(v - best[j]!)))));
    if (Math.abs(vals[n]! - vals[0]!) <= fTol * (1 + Math.abs(vals[0]!)) && spread <= xTol) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += pts[i]![j]! / n;
    const worst = pts[n]!;
    const xr = along(centroid, worst, -1);
    const fr = fx(xr);
    if (fr < vals[0]!) {
      const xe = along(centroid, worst, -2);
      const fe = fx(xe);
      if (fe < fr) [pts[n], vals[n]] = [xe, fe];
      else [pts[n], vals[n]] = [xr, fr];
    } else if (fr < vals[n - 1]!) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      // contract towards the better of the worst point and its reflection
      const outside = fr < vals[n]!;
      const xc = along(centroid, outside ? xr : worst, 0.5);
      const fc = fx(xc);
      if (fc < (outside ? fr : vals[n]!)) [pts[n], vals[n]] = [xc, fc];
      else
        for (let i = 1; i <= n; i++) {
          pts[i] = along(best, pts[i]!, 0.5);
          vals[i] = fx(pts[i]!);
        }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: pts[bi]!, f: vals[bi]!, iterations: it, evaluations };
}

/**
 * Nelder–Mead from each start in turn, then again from the best point found (a fresh simplex there
 * undoes an early collapse); the lowest value wins. Deterministic: the starts are fixed.
 */
export function minimizeWithRestarts(
  f: (x: readonly number[]) => number,
  starts: ReadonlyArray<readonly number[]>,
  o: MinimizeOptions = {},
): MinimizeResult {
  let best: MinimizeResult | null = null;
  let evaluations = 0;
  for (const s of starts) {
    const r = nelderMead(f, s, o);
    evaluations += r.evaluations;
    if (!best || r.f < best.f) best = r;
  }
  if (!best) throw new Error('minimizeWithRestarts: no starting point');
  for (let round = 0; round < 2; round++) {
    const r = nelderMead(f, best.x, { ...o, step: (o.step ?? 0.5) / 5 });
    evaluations += r.evaluations;
    if (r.f < best.f) best = r;
  }
  return { ...best, evaluations };
}
