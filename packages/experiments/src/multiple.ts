/**
 * Multiple-comparison adjustments over the arms of one metric, with R's `p.adjust` semantics:
 * adjusted p-values (not just reject/keep) so any level can be read off. `null` entries (a test
 * that could not be computed) stay null and do not count towards m.
 */

function order(p: readonly (number | null)[]): number[] {
  const idx: number[] = [];
  p.forEach((v, i) => {
    if (v !== null) {
      if (!(v >= 0 && v <= 1)) throw new RangeError(`p-value out of [0, 1]: ${v}`);
      idx.push(i);
    }
  });
  return idx.sort((a, b) => p[a]! - p[b]! || a - b);
}

/**
 * Holm (1979), "A simple sequentially rejective multiple test procedure": with p sorted
 * ascending, p̃(i) = max over j ≤ i of min(1, (m − j + 1) p(j)). Controls the family-wise error
 * rate under any dependence.
 */
export function holm(p: readonly (number | null)[]): (number | null)[] {
  const idx = order(p);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  idx.forEach((i, j) => {
    running = Math.max(running, Math.min(1, (m - j) * p[i]!));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini & Hochberg (1995), "Controlling the false discovery rate": with p sorted ascending,
 * p̃(i) = min over j ≥ i of min(1, m p(j) / j). Controls the FDR for independent or positively
 * dependent tests — the setting of many arms each compared with one control.
 */
export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const idx = order(p);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let j = m - 1; j >= 0; j--) {
    const i = idx[j]!;
    running = Math.min(running, (m * p[i]!) / (j + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
