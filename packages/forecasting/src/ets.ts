/**
 * Exponential smoothing with additive errors (ETS A,N,N / A,A,N / A,Ad,N / A,N,A / A,A,A), fitted
 * by least squares (the maximum-likelihood estimate for additive Gaussian errors) over the
 * smoothing parameters, with initial states from the first observations, and chosen by AICc
 * (Hyndman et al. 2002; Hyndman & Athanasopoulos, Forecasting: Principles and Practice, ch. 8).
 */
import { nelderMead } from '@linli/intelligence';

export type EtsKind = 'ANN' | 'AAN' | 'AAdN' | 'ANA' | 'AAA';

export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface EtsFit {
  kind: EtsKind;
  params: EtsParams;
  /** the level before the first observation */
  initialLevel: number;
  sse: number;
  aicc: number;
  /** one-step residual standard deviation */
  sigma: number;
  /** states after the last observation */
  level: number;
  trend: number;
  /** the last m seasonal states, oldest first (empty without a season) */
  season: number[];
}

const hasTrend = (k: EtsKind) => k === 'AAN' || k === 'AAdN' || k === 'AAA';
const hasSeason = (k: EtsKind) => k === 'ANA' || k === 'AAA';

/** Initial level, trend and season from the first observations (classical heuristics). */
function initialStates(y: readonly number[], kind: EtsKind, m: number) {
  if (hasSeason(kind)) {
    const first = y.slice(0, m);
    const mean = first.reduce((s, v) => s + v, 0) / m;
    const second = y.slice(m, 2 * m);
    const trend =
      hasTrend(kind) && second.length === m ? (second.reduce((s, v) => s + v, 0) / m - mean) / m : 0;
    return { level: mean, trend, season: first.map((v) => v - mean) };
  }
  // states one step before the first observation, so its own forecast is the observation
  const trend = hasTrend(kind) && y.length > 1 ? y[1]! - y[0]! : 0;
  return { level: y[0]! - trend, trend, season: [] as number[] };
}

/** Runs the recursions; returns the SSE and the final states. */
export function etsFilter(y: readonly number[], kind: EtsKind, p: EtsParams, m = 7, initialLevel?: number) {
  const init = initialStates(y, kind, m);
  let l = initialLevel ?? init.level;
  let b = init.trend;
  const s = [...init.season];
  const phi = kind === 'AAdN' ? p.phi : 1;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const seasonal = hasSeason(kind) ? s[t % m]! : 0;
    const forecast = l + (hasTrend(kind) ? phi * b : 0) + seasonal;
    const e = y[t]! - forecast;
    sse += e * e;
    const lPrev = l;
    l = lPrev + (hasTrend(kind) ? phi * b : 0) + p.alpha * e;
    if (hasTrend(kind)) b = phi * b + p.beta * e;
    if (hasSeason(kind)) s[t % m] = seasonal + p.gamma * e;
  }
  // seasonal states in the order they come next
  const next = hasSeason(kind) ? Array.from({ length: m }, (_, i) => s[(y.length + i) % m]!) : [];
  return { sse, level: l, trend: b, season: next };
}

const squash = (x: number, lo: number, hi: number) => lo + (hi - lo) / (1 + Math.exp(-x));

/**
 * Fits one model; null when the series is too short for it. With `optimalLevel` the initial level
 * is fitted with the smoothing parameters (as R's ets() and statsmodels' "estimated" do) instead of
 * taken from the first observations: slower, used where a reference fit is to be matched.
 */
export function fitEts(
  y: readonly number[],
  kind: EtsKind,
  m = 7,
  options: { optimalLevel?: boolean } = {},
): EtsFit | null {
  const minLength = hasSeason(kind) ? 2 * m : hasTrend(kind) ? 4 : 2;
  if (y.length < minLength) return null;
  // only the model's free parameters are searched: a dimension the model ignores would only cost
  // Nelder–Mead evaluations (alpha, beta, gamma, phi, initial level at positions 0…4 of `full`)
  const free = [0, 1, 2, 3, 4].filter(
    (i) =>
      i === 0 ||
      (i === 1 && hasTrend(kind)) ||
      (i === 2 && hasSeason(kind)) ||
      (i === 3 && kind === 'AAdN') ||
      (i === 4 && options.optimalLevel === true),
  );
  const START = [0, -1, -1, 0, 0];
  const full = (x: readonly number[]) => {
    const v = START.slice();
    free.forEach((i, k) => (v[i] = x[k]!));
    return v;
  };
  const decode = (x: readonly number[]): EtsParams => {
    const alpha = squash(x[0]!, 0.0001, 0.9999);
    return {
      alpha,
      beta: hasTrend(kind) ? squash(x[1]!, 0.0001, 1) * alpha * 0.999 : 0,
      gamma: hasSeason(kind) ? squash(x[2]!, 0.0001, 1) * (1 - alpha) * 0.999 : 0,
      phi: kind === 'AAdN' ? squash(x[3]!, 0.8, 0.98) : 1,
    };
  };
  // the initial level as an offset from the heuristic one, in units of the series' spread
  const start = initialStates(y, kind, m).level;
  const spread = Math.max(1e-9, Math.sqrt(y.reduce((a, v) => a + (v - start) ** 2, 0) / y.length));
  const level = (x: readonly number[]) => (options.optimalLevel ? start + x[4]! * spread : undefined);
  const best = nelderMead(
    (x) => {
      const v = full(x);
      return etsFilter(y, kind, decode(v), m, level(v)).sse;
    },
    free.map((i) => START[i]!),
    // a forecast does not need the last digits of α: a looser stop keeps the nightly run and the
    // backtest fast (the reference fit keeps the optimiser's strict defaults)
    options.optimalLevel
      ? { maxIterations: 2000 }
      : { maxIterations: 400, fTolerance: 1e-8, xTolerance: 1e-3 },
  );
  const bestFull = full(best.x);
  const params = decode(bestFull);
  const run = etsFilter(y, kind, params, m, level(bestFull));
  const n = y.length;
  const k = 1 + (hasTrend(kind) ? 2 : 0) + (kind === 'AAdN' ? 1 : 0) + (hasSeason(kind) ? 1 + m : 0) + 1; // params + initial states
  const sse = Math.max(run.sse, 1e-12);
  const aicc = n * Math.log(sse / n) + 2 * k + (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Infinity);
  return {
    kind,
    params,
    initialLevel: level(bestFull) ?? start,
    sse: run.sse,
    aicc,
    sigma: Math.sqrt(run.sse / n),
    level: run.level,
    trend: run.trend,
    season: run.season,
  };
}

/** Point forecasts for h = 1 … horizon. */
export function etsForecast(fit: EtsFit, horizon: number): number[] {
  const phi = fit.kind === 'AAdN' ? fit.params.phi : 1;
  const m = fit.season.length;
  const out: number[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += phi ** h;
    out.push(fit.level + (hasTrend(fit.kind) ? damp * fit.trend : 0) + (m ? fit.season[(h - 1) % m]! : 0));
  }
  return out;
}

export const ETS_KINDS: readonly EtsKind[] = ['ANN', 'AAN', 'AAdN', 'ANA', 'AAA'];

/** Every model that fits the series' length, the lowest AICc chosen. */
export function autoEts(y: readonly number[], m = 7, kinds: readonly EtsKind[] = ETS_KINDS): EtsFit | null {
  let best: EtsFit | null = null;
  for (const kind of kinds) {
    const fit = fitEts(y, kind, m);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}
