import { describe, expect, it } from 'vitest';
import { seededRandom } from '@linli/intelligence';
import { autoEts, etsFilter, etsForecast, fitEts } from './ets.ts';

// Saudi Arabian oil production 1996–2007 (fpp's `oildata`), with the simple-exponential-smoothing
// results published in statsmodels' test suite (tsa/holtwinters/tests/test_holtwinters.py), which
// checks them against R's forecast package.
const OIL = [
  446.6565229, 454.4733065, 455.662974, 423.6322388, 456.2713279, 440.5880501, 425.3325201, 485.1494479,
  506.0481621, 526.7919833, 514.268889, 494.2110193,
];

describe('exponential smoothing against published values', () => {
  it('matches statsmodels on the oil data with fixed α and the first value as initial level', () => {
    const fixed = (alpha: number) => etsFilter(OIL, 'ANN', { alpha, beta: 0, gamma: 0, phi: 1 }).level;
    expect(fixed(0.2)).toBeCloseTo(484.802468, 4);
    expect(fixed(0.6)).toBeCloseTo(501.837461, 4);
  });

  it('matches the estimated α, initial level and forecast when both are fitted', () => {
    const fit = fitEts(OIL, 'ANN', 7, { optimalLevel: true })!;
    expect(fit.params.alpha).toBeCloseTo(0.891998, 3);
    expect(fit.initialLevel).toBeCloseTo(447.47844, 1);
    expect(etsForecast(fit, 1)[0]).toBeCloseTo(496.493543, 2);
  });
});

describe('exponential smoothing', () => {
  it('runs the simple-smoothing recursion as worked by hand', () => {
    // level starts at the first value 10; α 0.5: 10 → 10 → 11 → 11; errors 0, 2, 0
    const run = etsFilter([10, 12, 11], 'ANN', { alpha: 0.5, beta: 0, gamma: 0, phi: 1 });
    expect(run.level).toBeCloseTo(11, 12);
    expect(run.sse).toBeCloseTo(4, 12);
  });

  it('forecasts a straight line exactly with a trend', () => {
    const y = Array.from({ length: 30 }, (_, t) => 3 + 2 * t);
    const fit = fitEts(y, 'AAN')!;
    expect(fit.sse).toBeLessThan(1e-9);
    expect(etsForecast(fit, 3)).toEqual([63, 65, 67].map((v) => expect.closeTo(v, 6)));
  });

  it('forecasts a pure weekly pattern exactly with a season', () => {
    const week = [5, 7, 6, 8, 12, 20, 18];
    const y = Array.from({ length: 56 }, (_, t) => week[t % 7]!);
    const fit = fitEts(y, 'ANA')!;
    expect(fit.sse).toBeLessThan(1e-9);
    expect(etsForecast(fit, 9)).toEqual([...week, 5, 7].map((v) => expect.closeTo(v, 6)));
  });

  it('chooses a seasonal model for seasonal data and a flat one for noise', () => {
    const r = seededRandom(3);
    const week = [5, 7, 6, 8, 12, 20, 18];
    const seasonal = Array.from({ length: 120 }, (_, t) => week[t % 7]! + (r() - 0.5));
    expect(['ANA', 'AAA']).toContain(autoEts(seasonal)!.kind);
    const noise = Array.from({ length: 120 }, () => 10 + (r() - 0.5) * 4);
    const flat = autoEts(noise)!;
    expect(flat.kind).toBe('ANN');
    expect(etsForecast(flat, 1)[0]).toBeGreaterThan(9);
    expect(etsForecast(flat, 1)[0]).toBeLessThan(11);
    expect(autoEts([1])).toBeNull();
  });
});
