import { describe, expect, it } from 'vitest';
import { ConfoundedDesignError, factorialOls, factorialOlsCells } from './factorial.ts';

// 14 units, title T1/T2/T3 × cta A/B, unbalanced. Reference: OLS and the HC1 sandwich computed with
// numpy 2.4 (inv(XᵀX) Xᵀy; n/(n−k) · (XᵀX)⁻¹ Xᵀ diag(e²) X (XᵀX)⁻¹) and scipy.stats.t for p.
const TITLE = ['T2', 'T1', 'T3', 'T1', 'T2', 'T3', 'T1', 'T2', 'T3', 'T1', 'T2', 'T3', 'T2', 'T1'];
const CTA = ['B', 'A', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'B', 'A', 'A', 'A'];
const Y = [3.1, 2.0, 4.2, 2.9, 2.2, 5.9, 1.7, 3.8, 4.0, 3.3, 3.0, 4.4, 2.5, 2.1];

describe('factorialOls', () => {
  it('matches the numpy reference: estimates, HC1 standard errors, t-based p-values, best combination', () => {
    const r = factorialOls(
      [
        { name: 'title', values: TITLE },
        { name: 'cta', values: CTA },
      ],
      Y,
    );
    expect(r.parameters).toBe(4);
    expect(r.df).toBe(10);
    expect(r.levels).toEqual({ title: ['T1', 'T2', 'T3'], cta: ['A', 'B'] });
    expect(r.intercept.estimate).toBeCloseTo(1.9155555555555552, 12);
    expect(r.intercept.se).toBeCloseTo(0.1166239848019256, 12);
    expect(r.effects.map((e) => [e.factor, e.level])).toEqual([
      ['title', 'T2'],
      ['title', 'T3'],
      ['cta', 'B'],
    ]);
    const want = [
      [0.2777777777777764, 0.18909050346043876, 1.7257006384344734e-1],
      [2.4066666666666667, 0.18661087601642928, 1.4792903407034703e-7],
      [1.2111111111111106, 0.17883197140245613, 4.9049523881950323e-5],
    ];
    r.effects.forEach((e, i) => {
      expect(e.estimate).toBeCloseTo(want[i]![0]!, 12);
      expect(e.se).toBeCloseTo(want[i]![1]!, 12);
      expect(e.pValue! / want[i]![2]!).toBeCloseTo(1, 8);
    });
    // best: T3 + B, predicted 5.5333, se √(cᵀVc) = 0.2286468, CI on t(10)
    expect(r.best.levels).toEqual({ title: 'T3', cta: 'B' });
    expect(r.best.predicted).toBeCloseTo(5.533333333333332, 12);
    expect(r.best.se).toBeCloseTo(0.2286468129656858, 12);
    expect(r.best.ciLow).toBeCloseTo(5.023876485981649, 10);
    expect(r.best.ciHigh).toBeCloseTo(6.0427901806850155, 10);
  });

  it('reduces to the difference of means with HC1 = n/(n−2) · Σ e²/n_g² for one two-level factor', () => {
    // group a: 1, 2, 6 (mean 3, Σe² = 4 + 1 + 9 = 14); group b: 4, 8 (mean 6, Σe² = 8)
    // HC0 variance 14/9 + 8/4 = 32/9; HC1 = 5/3 · 32/9 = 160/27
    const r = factorialOls([{ name: 'f', values: ['a', 'a', 'a', 'b', 'b'] }], [1, 2, 6, 4, 8]);
    expect(r.effects[0]!.estimate).toBeCloseTo(3, 13);
    expect(r.effects[0]!.se).toBeCloseTo(Math.sqrt(160 / 27), 13);
    expect(r.intercept.se).toBeCloseTo(Math.sqrt((5 / 3) * (14 / 9)), 13);
  });

  it('gives the marginal mean differences in a balanced 2 × 2 design', () => {
    // cells (a,x)=1, (a,y)=4, (b,x)=3, (b,y)=10, two units each with ±1 noise
    const f = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const g = ['x', 'x', 'y', 'y', 'x', 'x', 'y', 'y'];
    const y = [0, 2, 3, 5, 2, 4, 9, 11];
    const r = factorialOls(
      [
        { name: 'f', values: f },
        { name: 'g', values: g },
      ],
      y,
    );
    // f: mean(b) − mean(a) = 6.5 − 2.5 = 4; g: mean(y) − mean(x) = 7 − 2 = 5
    expect(r.effects[0]!.estimate).toBeCloseTo(4, 13);
    expect(r.effects[1]!.estimate).toBeCloseTo(5, 13);
  });

  it('names a confounded level instead of returning garbage', () => {
    const same = ['p', 'p', 'q', 'q'];
    const run = () =>
      factorialOls(
        [
          { name: 'title', values: same },
          { name: 'cover', values: ['u', 'u', 'v', 'v'] },
        ],
        [1, 2, 3, 4],
      );
    expect(run).toThrow(ConfoundedDesignError);
    expect(run).toThrow(/level "v" of factor "cover"/);
  });

  it('is null where the errors are undefined: a constant metric, no residual df', () => {
    const flat = factorialOls([{ name: 'f', values: ['a', 'b', 'a', 'b'] }], [1, 1, 1, 1]);
    expect(flat.effects[0]).toMatchObject({ estimate: 0, se: null, pValue: null, ciLow: null });
    expect(flat.best.levels).toEqual({ f: 'a' });
    const exact = factorialOls([{ name: 'f', values: ['a', 'b'] }], [1, 3]);
    expect(exact.df).toBe(0);
    expect(exact.effects[0]).toMatchObject({ se: null, pValue: null });
    expect(exact.effects[0]!.estimate).toBeCloseTo(2, 13);
  });

  it('gives the same fit from cell summaries (n, Σy, Σ(y − ȳ)²) as from the units', () => {
    const units = factorialOls(
      [
        { name: 'title', values: TITLE },
        { name: 'cta', values: CTA },
      ],
      Y,
    );
    const byCell = new Map<string, number[]>();
    TITLE.forEach((t, i) => byCell.set(`${t}|${CTA[i]}`, [...(byCell.get(`${t}|${CTA[i]}`) ?? []), Y[i]!]));
    const cells = [...byCell].map(([k, ys]) => {
      const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
      return {
        levels: k.split('|'),
        n: ys.length,
        sum: ys.reduce((a, b) => a + b, 0),
        ss: ys.reduce((a, b) => a + (b - mean) ** 2, 0),
      };
    });
    const r = factorialOlsCells(['title', 'cta'], [...cells, { levels: ['T9', 'A'], n: 0, sum: 0, ss: 0 }]);
    expect(r.n).toBe(14);
    expect(r.levels).toEqual(units.levels);
    expect(r.intercept.estimate).toBeCloseTo(units.intercept.estimate, 12);
    expect(r.intercept.se).toBeCloseTo(units.intercept.se!, 12);
    r.effects.forEach((e, i) => {
      expect(e.estimate).toBeCloseTo(units.effects[i]!.estimate, 12);
      expect(e.se).toBeCloseTo(units.effects[i]!.se!, 12);
      expect(e.pValue! / units.effects[i]!.pValue!).toBeCloseTo(1, 9);
    });
    expect(r.best).toMatchObject({ levels: units.best.levels });
    expect(r.best.se).toBeCloseTo(units.best.se!, 12);
  });
});
