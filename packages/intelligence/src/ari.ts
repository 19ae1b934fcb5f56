/**
 * Adjusted Rand index (Hubert & Arabie, 1985): agreement of two partitions of the same items,
 * corrected for chance — 1 for identical partitions (up to renaming), about 0 for independent ones,
 * negative when worse than chance.
 */
const pairs = (x: number): number => (x * (x - 1)) / 2;

export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError('both partitions must label the same items');
  const cells = new Map<string, number>();
  const rows = new Map<number | string, number>();
  const cols = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const c of cells.values()) index += pairs(c);
  let sa = 0;
  for (const c of rows.values()) sa += pairs(c);
  let sb = 0;
  for (const c of cols.values()) sb += pairs(c);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  // both partitions trivial (all in one cluster, or all singletons): they agree perfectly
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
