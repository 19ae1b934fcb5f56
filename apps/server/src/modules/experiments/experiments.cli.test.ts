import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  type Analysis,
  type AnalyzeOptions,
  type ComparisonOut,
  type FactorialOut,
  analyzeFile,
  factorialFile,
} from './experiments.cli.ts';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'linli-experiments-cli-'));
const file = (name: string, content: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
};
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [CLI, 'experiments', ...args], { maxBuffer: 1 << 28 });
async function json<T = Analysis>(...args: string[]): Promise<T> {
  const { stdout } = await run(...args, '--json');
  // JSON.stringify writes NaN and Infinity as null; the CLI must not produce them in the first place
  expect(stdout).not.toMatch(/NaN|Infinity/);
  return JSON.parse(stdout) as T;
}
/** The CLI's clean failure: exit code 2 and a message on stderr. */
async function fails(...args: string[]): Promise<string> {
  try {
    await run(...args);
  } catch (e) {
    const err = e as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    return err.stderr;
  }
  throw new Error('expected the command to fail');
}
const rows = (header: string, ...lines: string[]) => [header, ...lines].join('\n') + '\n';
const cmp = (r: Analysis, variant: string, metric: string) =>
  r.comparisons.find((c) => c.variant === variant && c.metric === metric)!;

// A: converted 1,0,0,0,1 (2/5), revenue 10…50 (mean 30, variance 250);
// B: converted 1,1,0,1,1,0 (4/6), revenue 20…120 (mean 70, variance 1400). UTF-8 BOM, CRLF, a
// member_id column (never a metric) and a text column (ignored with a warning).
const BASIC = file(
  'basic.csv',
  '\ufeff' +
    [
      'member_id,variant,converted,revenue,city',
      'm1,A,1,10,上海',
      'm2,A,0,20,上海',
      'm3,A,0,30,北京',
      'm4,A,0,40,北京',
      'm5,A,1,50,上海',
      'm6,B,1,20,上海',
      'm7,B,1,40,北京',
      'm8,B,0,60,上海',
      'm9,B,1,80,北京',
      'm10,B,1,100,上海',
      'm11,B,0,120,北京',
    ].join('\r\n'),
);

describe.concurrent('linli experiments analyze', { timeout: 120_000 }, () => {
  it('gives the hand-computed statistics of a two-arm test, keys in the documented order', async () => {
    const r = await json('analyze', '--input', BASIC);
    expect(Object.keys(r)).toEqual(['srm', 'variants', 'comparisons', 'warnings']);
    // SRM: 5 vs 6 on 50/50: χ² = 2 · 0.5²/5.5 = 1/11, p = erfc(√(1/22)) = 0.763025 (scipy chi2.sf)
    expect(r.srm.chi2).toBeCloseTo(1 / 11, 14);
    expect(r.srm.pValue).toBeCloseTo(0.763024600552995, 12);
    expect(r.variants.map((v) => [v.variant, v.n])).toEqual([
      ['A', 5],
      ['B', 6],
    ]);
    // per-unit sample variance of a 0/1 column: n p(1 − p)/(n − 1) = 5 · .24/4 = 0.3 and 6 · (2/9)/5 = 4/15
    expect(r.variants[0]!.metrics.converted).toEqual({ mean: 0.4, variance: expect.closeTo(0.3, 14), n: 5 });
    expect(r.variants[1]!.metrics.converted!.variance).toBeCloseTo(4 / 15, 14);
    expect(r.variants[1]!.metrics.revenue).toEqual({ mean: 70, variance: 1400, n: 6 });
    expect(Object.keys(r.variants[0]!.metrics)).toEqual(['converted', 'revenue']);

    const conv = cmp(r, 'B', 'converted');
    expect(Object.keys(conv)).toEqual([
      ...['variant', 'control', 'metric', 'test', 'absoluteLift', 'relativeLift', 'ciLow', 'ciHigh'],
      ...['pValue', 'pValueHolm', 'chanceToBeatControl', 'relativeCiLow', 'relativeCiHigh', 'expectedLoss'],
    ]);
    // z-test: se = √(.4·.6/5 + (2/3)(1/3)/6) = 0.2916111, z = 0.9144599, p = 0.3604752;
    // CI 4/15 ± 1.959964 · se; relative lift (2/3 − .4)/.4 = 2/3
    expect(conv).toMatchObject({ variant: 'B', control: 'A', metric: 'converted', test: 'z' });
    expect(conv.absoluteLift).toBeCloseTo(4 / 15, 14);
    expect(conv.relativeLift).toBeCloseTo(2 / 3, 14);
    expect(conv.ciLow).toBeCloseTo(-0.3048805982306636, 10);
    expect(conv.ciHigh).toBeCloseTo(0.8382139315639968, 10);
    expect(conv.pValue).toBeCloseTo(0.360475232200422, 10);
    expect(conv.pValueHolm).toBe(conv.pValue);
    // P(Beta(5, 3) > Beta(3, 4)) = 0.7913752913752914 (scipy quad of f_B · F_A)
    expect(conv.chanceToBeatControl).toBeCloseTo(0.7913752913752914, 10);

    const rev = cmp(r, 'B', 'revenue');
    expect(Object.keys(rev)).toEqual([
      ...['variant', 'control', 'metric', 'test', 'absoluteLift', 'relativeLift', 'ciLow', 'ciHigh'],
      ...['pValue', 'pValueHolm', 'relativeCiLow', 'relativeCiHigh'],
    ]);
    // R: t.test(c(20,40,60,80,100,120), c(10,20,30,40,50)): t = 2.3764, df = 6.9723,
    // p-value = 0.04928, 95 percent CI 0.1653130 79.8346870
    expect(rev.test).toBe('welch');
    expect(rev.absoluteLift).toBe(40);
    expect(rev.relativeLift).toBeCloseTo(4 / 3, 14);
    expect(rev.pValue).toBeCloseTo(0.049284338206730546, 10);
    expect(rev.ciLow).toBeCloseTo(0.16531304371169142, 9);
    expect(rev.ciHigh).toBeCloseTo(79.83468695628831, 9);
    expect(r.warnings).toEqual(['column "city" holds text: not a metric (ignored)']);
  });

  it('takes --control and --weights: Holm over the arms, SRM against the configured split', async () => {
    // 100 units per arm; conversions A 10, B 20, C 15; configured 25/50/25 %
    const lines: string[] = [];
    for (const [v, conv] of [
      ['A', 10],
      ['B', 20],
      ['C', 15],
    ] as const)
      for (let i = 0; i < 100; i++) lines.push(`${v},${i < conv ? 1 : 0}`);
    const f = file('three.csv', rows('variant,converted', ...lines));
    const r = await json('analyze', '--input', f, '--control', 'B', '--weights', 'A=0.25,B=0.5,C=0.25');
    // expected 75/150/75: χ² = 625/75 + 2500/150 + 625/75 = 100/3 on 2 df, p = e^{−50/3} = 5.7777e-8
    expect(r.srm.chi2).toBeCloseTo(100 / 3, 12);
    expect(r.srm.pValue).toBeCloseTo(Math.exp(-50 / 3), 18);
    expect(r.srm.mismatch).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('sample-ratio mismatch'))).toBe(true);
    expect(r.comparisons.map((c) => [c.variant, c.control])).toEqual([
      ['A', 'B'],
      ['C', 'B'],
    ]);
    // A vs B: se = √(.1·.9/100 + .2·.8/100) = 0.05, z = −2, p = 2(1 − Φ(2)) = 0.0455003 (table: Φ(2) = 0.97725)
    const a = cmp(r, 'A', 'converted');
    expect(a.absoluteLift).toBeCloseTo(-0.1, 14);
    expect(a.pValue).toBeCloseTo(0.04550026389635839, 12);
    expect(a.ciLow).toBeCloseTo(-0.1 - 1.959963984540054 * 0.05, 12);
    expect(a.ciHigh).toBeCloseTo(-0.1 + 1.959963984540054 * 0.05, 12);
    // C vs B: se = √0.002875, z = −0.932505, p = 0.351076; Holm: 2 · 0.0455003 = 0.0910005, then max(…, 0.351076)
    const c = cmp(r, 'C', 'converted');
    expect(c.pValue).toBeCloseTo(0.3510757029555027, 12);
    expect(a.pValueHolm).toBeCloseTo(2 * 0.04550026389635839, 12);
    expect(c.pValueHolm).toBeCloseTo(0.3510757029555027, 12);
  });

  it('adds CUPED with --covariate, matching the hand-worked example', async () => {
    // see packages/experiments/src/cuped.test.ts: θ = 55/28, lift 5/7, variance reduction 11825/12152
    const f = file('cuped.csv', rows('variant,y,pre', 'A,1,1', 'A,3,2', 'A,5,3', 'B,4,2', 'B,6,3', 'B,9,5'));
    const r = await json('analyze', '--input', f, '--covariate', 'pre');
    expect(r.comparisons).toHaveLength(1); // pre is the covariate, not a metric
    const y = r.comparisons[0]!;
    expect(Object.keys(y).slice(10)).toEqual(['cuped', 'relativeCiLow', 'relativeCiHigh']);
    expect(Object.keys(y.cuped!)).toEqual([
      'absoluteLift',
      'ciLow',
      'ciHigh',
      'pValue',
      'varianceReduction',
      'theta',
    ]);
    expect(y.absoluteLift).toBeCloseTo(10 / 3, 14);
    expect(y.cuped!.theta).toBeCloseTo(55 / 28, 12);
    expect(y.cuped!.absoluteLift).toBeCloseTo(5 / 7, 12);
    expect(y.cuped!.varianceReduction).toBeCloseTo(11825 / 12152, 12);
    expect(y.cuped!.pValue).toBeCloseTo(0.14240668750439894, 8);
    expect(y.cuped!.ciLow).toBeCloseTo(-0.5842405705692518, 8);
    expect(y.cuped!.ciHigh).toBeCloseTo(2.0128119991406805, 8);
  });

  it('winsorises on request only', async () => {
    // A: dwell 1…9 and one 1000; B: 2…11. Without the flag the mean of A is (45 + 1000)/10.
    const f = file(
      'dwell.csv',
      rows(
        'variant,dwell_ms',
        ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 1000].map((d) => `A,${d}`),
        ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((d) => `B,${d}`),
      ),
    );
    const raw = await json('analyze', '--input', f);
    expect(raw.variants[0]!.metrics.dwell_ms!.mean).toBe(104.5);
    const w = await json('analyze', '--input', f, '--winsorize', 'dwell_ms=0.95');
    // 20 sorted values, h = 19 · 0.95 = 18.05: cap = x(19) + 0.05 (x(20) − x(19)) = 11 + 0.05 · 989 = 60.45
    expect(w.variants[0]!.metrics.dwell_ms!.mean).toBeCloseTo((45 + 60.45) / 10, 12);
    expect(w.warnings.some((x) => x.includes('winsorised') && x.includes('1 value(s) capped'))).toBe(true);
  });

  it('prints a readable table without --json', async () => {
    const { stdout } = await run('analyze', '--input', BASIC);
    expect(stdout).toMatch(/sample ratio: χ² = 0\.09091, p = 0\.763/);
    expect(stdout).toMatch(/converted \(proportion, z-test\); control A/);
    expect(stdout).toMatch(/revenue \(mean, Welch t-test\)/);
    expect(stdout).toMatch(/^B\s+6\s+0\.6667\s+0\.2667\s+66\.67 %/m);
  });
});

describe.concurrent('linli experiments analyze: bad input', { timeout: 120_000 }, () => {
  it('refuses a single arm, naming it', async () => {
    const f = file('single.csv', rows('variant,converted', 'A,1', 'A,0'));
    expect(await fails('analyze', '--input', f, '--json')).toMatch(/only one variant \(A\)/);
  });

  it('reports an arm with no units (named in --weights) with nulls and an SRM flag', async () => {
    const f = file(
      'noarm.csv',
      rows(
        'variant,converted,revenue',
        ...Array.from({ length: 20 }, (_, i) => `${i % 2 ? 'A' : 'B'},${i % 3 ? 1 : 0},${i}`),
      ),
    );
    const r = await json('analyze', '--input', f, '--weights', 'A=1,B=1,C=1');
    const c = r.variants.find((v) => v.variant === 'C')!;
    expect(c).toEqual({
      variant: 'C',
      n: 0,
      metrics: {
        converted: { mean: null, variance: null, n: 0 },
        revenue: { mean: null, variance: null, n: 0 },
      },
    });
    const conv = cmp(r, 'C', 'converted');
    for (const k of [
      'absoluteLift',
      'relativeLift',
      'ciLow',
      'ciHigh',
      'pValue',
      'pValueHolm',
      'chanceToBeatControl',
      'expectedLoss',
    ] as const)
      expect(conv[k]).toBeNull();
    expect(cmp(r, 'C', 'revenue').pValue).toBeNull();
    // 10/10/0 against thirds: χ² = 2 · (10 − 20/3)²/(20/3) + 20/3 = 10, p = e^{−5}
    expect(r.srm.chi2).toBeCloseTo(10, 12);
    expect(r.srm.pValue).toBeCloseTo(Math.exp(-5), 14);
    expect(r.warnings).toContain('variant C (in --weights) has no units in ' + f);
    // B is still compared with A, and Holm counts only the comparison that has a p-value
    expect(cmp(r, 'B', 'converted').pValueHolm).toBe(cmp(r, 'B', 'converted').pValue);
  });

  it('gives nulls and a warning for all-zero and constant metrics and zero variance', async () => {
    const f = file(
      'constant.csv',
      rows('variant,converted,score,fixed', 'A,0,5,1', 'A,0,5,2', 'A,0,5,3', 'B,0,5,7', 'B,0,5,7', 'B,0,5,7'),
    );
    const r = await json('analyze', '--input', f);
    const zero = cmp(r, 'B', 'converted');
    expect(zero).toMatchObject({
      test: 'z',
      absoluteLift: 0,
      relativeLift: null,
      ciLow: null,
      pValue: null,
      pValueHolm: null,
    });
    // P(Beta(1, 4) > Beta(1, 4)) = ½: defined even at zero conversions
    expect(zero.chanceToBeatControl).toBeCloseTo(0.5, 14);
    expect(cmp(r, 'B', 'score')).toMatchObject({
      test: 'welch',
      absoluteLift: 0,
      relativeLift: 0,
      pValue: null,
      ciHigh: null,
    });
    // fixed: A varies (variance 1), B is constant: Welch still works with df = n_A − 1 = 2;
    // t = 5 / √(1/3) = 8.660254, p = 2 · P(T₂ > 8.660254) = 1 − 8.660254/√(2 + 75) = 0.0130718 (closed form at 2 df)
    const fixed = cmp(r, 'B', 'fixed');
    expect(fixed.pValue).toBeCloseTo(1 - 8.660254037844386 / Math.sqrt(77), 10);
    expect(r.variants[1]!.metrics.fixed).toEqual({ mean: 7, variance: 0, n: 3 });
    expect(r.warnings).toEqual([
      'metric converted is constant (every value 0): no test',
      'metric score is constant (every value 5): no test',
    ]);
  });

  it('names a comparison that cannot be tested because both arms have no variance', async () => {
    const f = file('novar.csv', rows('variant,v', 'A,2', 'A,2', 'B,3', 'B,3'));
    const r = await json('analyze', '--input', f);
    expect(cmp(r, 'B', 'v')).toMatchObject({ absoluteLift: 1, relativeLift: 0.5, pValue: null, ciLow: null });
    expect(r.warnings).toEqual([
      'metric v: 1 comparison(s) without a test (an arm with fewer than 2 values, or no variance on either side)',
    ]);
  });

  it('skips missing cells per metric and says where', async () => {
    const f = file(
      'missing.csv',
      rows(
        'variant,converted,revenue',
        'A,1,10',
        'A,,20',
        'A,0,NA',
        'A,1,30',
        'B,0,',
        'B,1,40',
        'B,1,50',
        'B,0,60',
      ),
    );
    const r = await json('analyze', '--input', f);
    expect(r.variants[0]!.n).toBe(4);
    expect(r.variants[0]!.metrics.converted).toMatchObject({ n: 3, mean: 2 / 3 });
    expect(r.variants[0]!.metrics.revenue).toMatchObject({ n: 3, mean: 20, variance: 100 });
    expect(r.variants[1]!.metrics.revenue).toMatchObject({ n: 3, mean: 50, variance: 100 });
    expect(r.warnings).toEqual([
      'converted: 1 missing value(s) skipped for that metric (line 3)',
      'revenue: 2 missing value(s) skipped for that metric (lines 4, 6)',
    ]);
  });

  it('treats a stray text cell in a mostly numeric column as missing, and refuses a mixed column', async () => {
    const good = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'A' : 'B'},${i}`);
    good[6] = 'B,n/a?';
    const r = await json('analyze', '--input', file('stray.csv', rows('variant,revenue', ...good)));
    expect(r.variants[1]!.metrics.revenue!.n).toBe(19);
    expect(r.warnings).toEqual([
      'revenue: 1 non-numeric cell(s) treated as missing and skipped for that metric (line 8 "n/a?")',
    ]);
    const mixed = file('mixed.csv', rows('variant,revenue', 'A,10', 'A,ten', 'B,20', 'B,thirty'));
    expect(await fails('analyze', '--input', mixed)).toMatch(
      /column "revenue" mixes numbers and text \(2 numeric, 2 not\): line 3 "ten", line 5 "thirty"/,
    );
  });

  it('gives CUPED nulls and a warning for a covariate without variance', async () => {
    const f = file(
      'flatcov.csv',
      rows('variant,y,pre', 'A,1,5', 'A,2,5', 'A,4,5', 'B,3,5', 'B,5,5', 'B,6,5'),
    );
    const r = await json('analyze', '--input', f, '--covariate', 'pre');
    expect(r.comparisons[0]!.cuped).toEqual({
      absoluteLift: null,
      ciLow: null,
      ciHigh: null,
      pValue: null,
      varianceReduction: null,
      theta: null,
    });
    expect(r.comparisons[0]!.pValue).not.toBeNull();
    expect(r.warnings[0]).toMatch(/CUPED not applied in 1 comparison/);
  });

  it('explains unusable options and files', async () => {
    const f = BASIC;
    const cases: Array<[string[], RegExp]> = [
      [['--input', f, '--control', 'Z'], /--control Z is not a variant \(variants: A, B\)/],
      [['--input', f, '--covariate', 'nope'], /no covariate column "nope"/],
      [['--input', f, '--covariate', 'city'], /covariate column "city" is not numeric/],
      [['--input', f, '--weights', 'A=0.5'], /--weights gives no share for variant\(s\) B/],
      [['--input', f, '--weights', 'A:1,B:1'], /expected NAME=NUMBER pairs/],
      [['--input', f, '--weights', 'A=0,B=1'], /share of A must be positive/],
      [['--input', f, '--winsorize', 'revenue=0.3'], /must be in \(0\.5, 1\]/],
      [['--input', f, '--winsorize', 'city=0.99'], /"city" is not a metric or covariate/],
      [['--input', path.join(dir, 'absent.csv')], /absent\.csv: ENOENT/],
      [['--input', file('empty.csv', '')], /empty file/],
      [['--input', file('header.csv', 'variant,converted\n')], /no data rows/],
      [['--input', file('novariant.csv', rows('arm,converted', 'A,1'))], /no variant column "variant"/],
      [
        ['--input', file('blankvariant.csv', rows('variant,converted', 'A,1', ',0', 'B,1'))],
        /variant is empty on line 3/,
      ],
      [['--input', file('nometric.csv', rows('variant,city', 'A,x', 'B,y'))], /no metric columns/],
      [
        ['--input', file('wide.csv', rows('variant,converted', 'A,1', 'B,0,7'))],
        /line 3 has 3 cells but the header has 2/,
      ],
    ];
    // in process (each spawn of the CLI costs ~2 s): the same AppError the CLI prints, exit 2
    for (const [args, message] of cases) {
      const o = Object.fromEntries(args.flatMap((a, i) => (i % 2 ? [] : [[a.slice(2), args[i + 1]!]])));
      await expect(analyzeFile(o as unknown as AnalyzeOptions)).rejects.toThrow(message);
    }
    await expect(analyzeFile({ input: f, control: 'Z' })).rejects.toBeInstanceOf(AppError);
  });

  it('analyses 10,000 arms in seconds', async () => {
    const lines: string[] = [];
    for (let a = 0; a < 10_000; a++)
      for (let u = 0; u < 3; u++)
        lines.push(`v${String(a).padStart(5, '0')},${(a + u) % 4 === 0 ? 1 : 0},${(a * 7 + u * 13) % 50}`);
    const f = file('many.csv', rows('variant,converted,revenue', ...lines));
    const t0 = Date.now();
    const r = await json('analyze', '--input', f);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.variants).toHaveLength(10_000);
    expect(r.comparisons).toHaveLength(2 * 9_999);
    expect(r.srm.chi2).toBe(0);
    const holmOk = r.comparisons.every((c: ComparisonOut) => c.pValue === null || c.pValueHolm! >= c.pValue);
    expect(holmOk).toBe(true);
  });
});

describe.concurrent('linli experiments factorial', { timeout: 120_000 }, () => {
  // the 14-unit fixture of packages/experiments/src/factorial.test.ts (numpy reference values)
  const TITLE = ['T2', 'T1', 'T3', 'T1', 'T2', 'T3', 'T1', 'T2', 'T3', 'T1', 'T2', 'T3', 'T2', 'T1'];
  const CTA = ['B', 'A', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'B', 'A', 'A', 'A'];
  const Y = [3.1, 2.0, 4.2, 2.9, 2.2, 5.9, 1.7, 3.8, 4.0, 3.3, 3.0, 4.4, 2.5, 2.1];
  const FACT = file(
    'factorial.csv',
    rows('title,cta,score,member_id', ...Y.map((y, i) => `${TITLE[i]},${CTA[i]},${y},m${i}`)),
  );

  it('gives main effects with HC1 errors and the best combination, as the numpy reference', async () => {
    const r = await json<FactorialOut>(
      'factorial',
      '--input',
      FACT,
      '--factors',
      'title,cta',
      '--metric',
      'score',
    );
    expect(Object.keys(r)).toEqual(['intercept', 'effects', 'best', 'n', 'warnings']);
    expect(r.intercept.estimate).toBeCloseTo(1.9155555555555552, 12);
    expect(r.intercept.se).toBeCloseTo(0.1166239848019256, 12);
    expect(r.effects.map((e) => Object.keys(e))[0]).toEqual([
      'factor',
      'level',
      'estimate',
      'se',
      'pValue',
      'ciLow',
      'ciHigh',
    ]);
    expect(r.effects.map((e) => `${e.factor}=${e.level}`)).toEqual(['title=T2', 'title=T3', 'cta=B']);
    expect(r.effects[1]!.estimate).toBeCloseTo(2.4066666666666667, 12);
    expect(r.effects[1]!.se).toBeCloseTo(0.18661087601642928, 12);
    expect(r.effects[2]!.pValue! / 4.9049523881950323e-5).toBeCloseTo(1, 8);
    expect(Object.keys(r.best)).toEqual(['title', 'cta', 'predicted', 'se', 'ciLow', 'ciHigh']);
    expect(r.best).toMatchObject({ title: 'T3', cta: 'B' });
    expect(r.best.predicted).toBeCloseTo(5.533333333333332, 12);
    expect(r.best.ciLow).toBeCloseTo(5.023876485981649, 10);
    expect(r.n).toBe(14);
  });

  it('prints a readable table without --json', async () => {
    const { stdout } = await run('factorial', '--input', FACT, '--factors', 'title,cta', '--metric', 'score');
    expect(stdout).toMatch(/^title\s+T3\s+2\.407\s+0\.1866/m);
    expect(stdout).toMatch(/best predicted combination: title=T3, cta=B: 5\.533/);
  });

  it('skips units without the metric or a level, and explains unusable designs', async () => {
    const f = file(
      'fgaps.csv',
      rows('title,cta,y', 'T1,A,1', 'T1,B,2', 'T2,A,3', 'T2,B,5', ',A,4', 'T1,A,', 'T2,A,2', 'T1,B,3'),
    );
    const r = await json<FactorialOut>('factorial', '--input', f, '--factors', 'title,cta', '--metric', 'y');
    expect(r.n).toBe(6);
    expect(r.warnings).toEqual([
      'y: 1 missing value(s) left out (line 7)',
      '1 unit(s) without a level of every factor left out (line 6)',
    ]);
    const confounded = file('fconf.csv', rows('title,cover,y', 'T1,C1,1', 'T1,C1,2', 'T2,C2,3', 'T2,C2,4'));
    expect(
      await fails('factorial', '--input', confounded, '--factors', 'title,cover', '--metric', 'y'),
    ).toMatch(/level "C2" of factor "cover" is confounded/);
    await expect(factorialFile({ input: f, factors: 'title,nope', metric: 'y' })).rejects.toThrow(
      /no factor column "nope"/,
    );
    await expect(factorialFile({ input: f, factors: 'title', metric: 'cta' })).rejects.toThrow(
      /metric column "cta" is not numeric/,
    );
    await expect(factorialFile({ input: f, factors: 'title,title', metric: 'y' })).rejects.toThrow(
      /names a column twice/,
    );
    await expect(factorialFile({ input: f, factors: 'title', metric: 'title' })).rejects.toThrow(
      /is also a factor/,
    );
  });

  it('is well defined for an exact fit and a constant metric, and refuses too few units', async () => {
    const exact = await json<FactorialOut>(
      'factorial',
      '--input',
      file('fexact.csv', rows('title,y', 'T1,1', 'T2,2', 'T3,3')),
      '--factors',
      'title',
      '--metric',
      'y',
    );
    expect(exact.effects.map((e) => [e.estimate, e.se, e.pValue])).toEqual([
      [expect.closeTo(1, 12), null, null],
      [expect.closeTo(2, 12), null, null],
    ]);
    expect(exact.warnings).toEqual([
      'as many units as parameters: the fit is exact and has no standard errors',
    ]);
    const flat = await json<FactorialOut>(
      'factorial',
      '--input',
      file('fflat.csv', rows('title,y', 'T1,1', 'T2,1', 'T1,1', 'T2,1')),
      '--factors',
      'title',
      '--metric',
      'y',
    );
    expect(flat.effects[0]).toMatchObject({ estimate: 0, se: null, pValue: null });
    expect(flat.best).toMatchObject({ title: 'T1', predicted: 1 });
    expect(flat.warnings).toEqual(['metric y is constant (every value 1): no standard errors']);
    const few = file('ffew.csv', rows('title,cta,y', 'T1,A,1', 'T2,B,2', 'T3,C,3'));
    expect(await fails('factorial', '--input', few, '--factors', 'title,cta', '--metric', 'y')).toMatch(
      /3 unit\(s\) cannot estimate 5 parameters/,
    );
  });
});
