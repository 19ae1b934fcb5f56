import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holm } from './multiple.ts';

// The 15 p-values of Benjamini & Hochberg (1995, JRSS B 57:289), section 4 (Neuhaus et al.'s
// thrombolysis trial): at level 0.05 their procedure rejects 4 hypotheses, Bonferroni-type
// (Holm's) procedures reject 3.
const BH_1995 = [
  0.0201, 0.0001, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
  0.759, 1.0,
];

describe('holm and benjaminiHochberg', () => {
  it('reject as many hypotheses as in the Benjamini–Hochberg paper', () => {
    expect(benjaminiHochberg(BH_1995).filter((p) => p! <= 0.05)).toHaveLength(4);
    expect(holm(BH_1995).filter((p) => p! <= 0.05)).toHaveLength(3);
  });

  it('give the adjusted values worked by hand, in the input order', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 (m = 4)
    // Holm: 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, 1·0.04 = 0.04 → running max 0.02, 0.03, 0.06, 0.06
    // BH: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04 → running min from the top
    const p = [0.01, 0.04, 0.03, 0.005];
    const h = holm(p);
    const b = benjaminiHochberg(p);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(h[i]).toBeCloseTo(v, 15));
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 15));
  });

  it('caps at 1, leaves nulls out of m, and keeps a single p-value as it is', () => {
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
    const h = holm([0.01, null, 0.04]);
    expect(h[1]).toBeNull();
    expect(h[0]).toBeCloseTo(0.02, 15);
    expect(h[2]).toBeCloseTo(0.04, 15);
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(holm([])).toEqual([]);
    expect(() => holm([1.5])).toThrow(RangeError);
  });
});
