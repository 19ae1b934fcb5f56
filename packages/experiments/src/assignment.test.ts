import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, createAssigner, fmix32, fnv1a32 } from './assignment.ts';
import { chiSquareSf } from './distributions.ts';

const ids = Array.from({ length: 100_000 }, (_, i) => `m${i + 1}`);

describe('hash', () => {
  it('is FNV-1a: the reference test vectors', () => {
    // Landon Curt Noll's FNV test suite (FNV-1a 32-bit): "" → 0x811c9dc5, "a" → 0xe40c292c,
    // "foobar" → 0xbf9cf968
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, so other languages reproduce it', () => {
    // FNV-1a over the UTF-8 bytes, computed byte by byte in Python: 邻里 (e9 82 bb e9 87 8c) → 0x8d1890ad;
    // 😀x (a surrogate pair: f0 9f 98 80, then 78) → 0xb8f2d250
    expect(fnv1a32('邻里')).toBe(0x8d1890ad);
    expect(fnv1a32('😀x')).toBe(0xb8f2d250);
  });

  it('gives the documented buckets: fmix32(FNV-1a(key 0x00 salt 0x00 id)) mod 10,000', () => {
    // computed in Python from the description alone (byte-wise FNV-1a, murmur3 fmix32, 32-bit masks)
    expect(fmix32(fnv1a32('exp-title\u0000s1\u0000m1'))).toBe(1100926438);
    expect(bucketOf('exp-title', 's1', 'm1')).toBe(6438);
    expect(bucketOf('exp-title', 's1', 'm2')).toBe(7620);
    expect(bucketOf('cover-test', '', '会员-7')).toBe(9164);
    expect(bucketOf('content-layer', 'L1', '8c0f00000000-4b1e')).toBe(9073);
  });

  it('mixes with the murmur3 finaliser: one flipped input bit flips about half the output bits', () => {
    let flipped = 0;
    for (let i = 0; i < 1000; i++) {
      const x = fnv1a32(`k${i}`);
      const d = fmix32(x) ^ fmix32(x ^ 1);
      flipped += d.toString(2).split('1').length - 1;
    }
    expect(flipped / 1000).toBeGreaterThan(15);
    expect(flipped / 1000).toBeLessThan(17);
  });

  it('spreads sequential member ids uniformly over the buckets', () => {
    // χ² over 100 groups of 100 buckets, 100,000 ids: uniform unless p < 0.001
    const counts = new Array<number>(100).fill(0);
    for (const id of ids) counts[Math.floor(bucketOf('exp-title', 's1', id) / 100)]!++;
    const chi2 = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chiSquareSf(chi2, 99)).toBeGreaterThan(0.001);
    expect(bucketOf('exp-title', 's1', 'm1')).toBeLessThan(BUCKETS);
  });

  it('separates key, salt and member id', () => {
    expect(bucketOf('ab', 'c', 'm1')).not.toBe(bucketOf('a', 'bc', 'm1'));
    const moved = ids.slice(0, 1000).filter((id) => bucketOf('e', 's1', id) !== bucketOf('e', 's2', id));
    expect(moved.length).toBeGreaterThan(990);
  });
});

describe('createAssigner', () => {
  const arms = [
    { name: 'A', weight: 0.5 },
    { name: 'B', weight: 0.3 },
    { name: 'C', weight: 0.2 },
  ];

  it('is sticky and follows the weights', () => {
    const a = createAssigner({ key: 'cover-test', arms });
    const again = createAssigner({ key: 'cover-test', arms });
    const tally = new Map<string | null, number>();
    let differ = 0;
    for (const id of ids) {
      const arm = a.assign(id);
      if (arm !== again.assign(id)) differ++;
      tally.set(arm, (tally.get(arm) ?? 0) + 1);
    }
    expect(differ).toBe(0);
    expect(tally.get(null)).toBeUndefined();
    expect(Math.abs(tally.get('A')! / ids.length - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(tally.get('B')! / ids.length - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(tally.get('C')! / ids.length - 0.2)).toBeLessThan(0.01);
  });

  it('keeps every assigned member in the same arm when traffic goes up', () => {
    const low = createAssigner({ key: 'cta', arms, traffic: 0.2 });
    const high = createAssigner({ key: 'cta', arms, traffic: 0.5 });
    let inLow = 0;
    let inHigh = 0;
    let moved = 0;
    for (const id of ids) {
      const a = low.assign(id);
      const b = high.assign(id);
      if (a !== null) {
        inLow++;
        if (b !== a) moved++;
      }
      if (b !== null) inHigh++;
    }
    expect(moved).toBe(0);
    expect(Math.abs(inLow / ids.length - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(inHigh / ids.length - 0.5)).toBeLessThan(0.01);
    expect(low.explain('m1').reason).toMatch(/assigned|traffic/);
    expect(createAssigner({ key: 'cta', arms, traffic: 0 }).assign('m1')).toBeNull();
  });

  it('keeps experiments of one layer mutually exclusive and the holdout out of all', () => {
    const layer = { key: 'content-layer', salt: 'L1' };
    const holdout = { salt: 'H1', share: 0.1 };
    const x = createAssigner({ key: 'title', arms, layer: { ...layer, from: 0, to: 5000 }, holdout });
    const y = createAssigner({ key: 'cover', arms, layer: { ...layer, from: 5000, to: 10_000 }, holdout });
    const other = createAssigner({ key: 'push-time', arms, holdout });
    let held = 0;
    let both = 0;
    let heldButAssigned = 0;
    let inNeither = 0;
    for (const id of ids) {
      const a = x.assign(id);
      const b = y.assign(id);
      if (a !== null && b !== null) both++;
      if (other.explain(id).reason === 'holdout') {
        held++;
        if (a !== null || b !== null || other.assign(id) !== null) heldButAssigned++;
      } else if (a === null && b === null) inNeither++;
    }
    expect([both, heldButAssigned, inNeither]).toEqual([0, 0, 0]);
    expect(Math.abs(held / ids.length - 0.1)).toBeLessThan(0.01);
  });

  it('rejects a configuration that cannot assign', () => {
    expect(() => createAssigner({ key: 'k', arms: [] })).toThrow(RangeError);
    expect(() => createAssigner({ key: 'k', arms: [{ name: 'A', weight: 0 }] })).toThrow(RangeError);
    expect(() => createAssigner({ key: 'k', arms, traffic: 1.5 })).toThrow(RangeError);
  });
});
