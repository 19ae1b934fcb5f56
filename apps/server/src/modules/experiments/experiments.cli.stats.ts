/**
 * Per-arm aggregates of one metric column for `linli experiments analyze`: count, sum, mean and
 * sample variance (two-pass, so a large offset costs no digits), and the CUPED sufficient
 * statistics over the units that have both the metric and the covariate, centred on their overall
 * means (CUPED's outputs do not depend on the centring; the sums stay well conditioned).
 */
import type { CupedMoments } from '@linli/experiments';
import { type NumericColumn, lineList } from './experiments.input.ts';

export interface ArmStats {
  n: number;
  sum: number;
  mean: number;
  variance: number;
  cuped: CupedMoments | null;
}

export interface MetricStats {
  arms: ArmStats[];
  /** the single value of a metric that never varies (over all arms), else null */
  constant: number | null;
  /** every present value is 0 or 1 */
  proportion: boolean;
}

export function armStats(
  values: Float64Array,
  armOf: Int32Array,
  k: number,
  cov: Float64Array | null,
): MetricStats {
  const n = new Float64Array(k);
  const sum = new Float64Array(k);
  let proportion = true;
  let first: number | null = null;
  let constant = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    n[armOf[i]!]!++;
    sum[armOf[i]!]! += v;
    if (v !== 0 && v !== 1) proportion = false;
    if (first === null) first = v;
    else if (v !== first) constant = false;
  }
  const ss = new Float64Array(k);
  const comp = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const a = armOf[i]!;
    const d = v - sum[a]! / n[a]!;
    ss[a]! += d * d;
    comp[a]! += d;
  }
  let moments: CupedMoments[] | null = null;
  if (cov) {
    // centring constants over the units with both values
    let cy = 0;
    let cx = 0;
    let both = 0;
    for (let i = 0; i < values.length; i++)
      if (!Number.isNaN(values[i]!) && !Number.isNaN(cov[i]!)) {
        cy += values[i]!;
        cx += cov[i]!;
        both++;
      }
    cy = both ? cy / both : 0;
    cx = both ? cx / both : 0;
    moments = Array.from({ length: k }, () => ({ n: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 }));
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i]!) || Number.isNaN(cov[i]!)) continue;
      const m = moments[armOf[i]!]!;
      const y = values[i]! - cy;
      const x = cov[i]! - cx;
      m.n++;
      m.sumY += y;
      m.sumY2 += y * y;
      m.sumX += x;
      m.sumX2 += x * x;
      m.sumXY += x * y;
    }
  }
  const arms = Array.from({ length: k }, (_, a) => ({
    n: n[a]!,
    sum: sum[a]!,
    mean: n[a]! ? sum[a]! / n[a]! : 0,
    // corrected two-pass (Chan, Golub & LeVeque 1983)
    variance: n[a]! >= 2 ? Math.max(0, (ss[a]! - comp[a]! ** 2 / n[a]!) / (n[a]! - 1)) : 0,
    cuped: moments ? moments[a]! : null,
  }));
  return { arms, constant: constant && first !== null ? first : null, proportion };
}

/** Warnings for the missing and stray cells of a column. */
export function lineWarnings(c: NumericColumn, prefix: string, fate: string): string[] {
  const out: string[] = [];
  if (c.missingLines.length)
    out.push(
      `${prefix}${c.name}: ${c.missingLines.length} missing value(s) ${fate} (${lineList(c.missingLines)})`,
    );
  if (c.badLines.length) {
    const shown = c.badLines
      .slice(0, 5)
      .map((b) => `line ${b.line} "${b.cell}"`)
      .join(', ');
    out.push(
      `${prefix}${c.name}: ${c.badLines.length} non-numeric cell(s) treated as missing and ${fate} (${shown}${c.badLines.length > 5 ? ', …' : ''})`,
    );
  }
  return out;
}
