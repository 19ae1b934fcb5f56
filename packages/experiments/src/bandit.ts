/**
 * Bandit allocation over many arms with a 0/1 reward (conversion): Thompson sampling with
 * Beta(1 + s, 1 + f) posteriors moves traffic to what works (low regret), and its top-two variant
 * (Russo, "Simple Bayesian Algorithms for Best-Arm Identification", Operations Research 2020) keeps
 * sampling the runner-up so the winner is identified sooner. `simulateBandit` replays a planted
 * truth to show both against uniform allocation.
 */
import { seededRandom } from '@linli/intelligence';
import { type Rng, sampleBeta } from './random.ts';

export interface ArmCounts {
  successes: number;
  failures: number;
}

function drawBest(arms: readonly ArmCounts[], rng: Rng, skip = -1): number {
  let best = -1;
  let value = -Infinity;
  for (let i = 0; i < arms.length; i++) {
    if (i === skip) continue;
    const v = sampleBeta(1 + arms[i]!.successes, 1 + arms[i]!.failures, rng);
    if (v > value) {
      value = v;
      best = i;
    }
  }
  return best;
}

/** Thompson sampling: the arm whose posterior draw is highest (probability matching). */
export function thompsonPick(arms: readonly ArmCounts[], rng: Rng): number {
  if (!arms.length) throw new RangeError('no arms');
  return drawBest(arms, rng);
}

/**
 * Top-two Thompson sampling: the leader of one posterior draw with probability β, otherwise the
 * challenger — the leader of fresh draws that differ from it. Resampling is capped at `maxTries`;
 * after that the challenger is the best draw among the other arms (the limit the resampling
 * approaches), so a near-certain leader cannot stall the loop.
 */
export function topTwoPick(arms: readonly ArmCounts[], rng: Rng, beta = 0.5, maxTries = 100): number {
  const leader = drawBest(arms, rng);
  if (arms.length === 1 || rng() < beta) return leader;
  for (let i = 0; i < maxTries; i++) {
    const j = drawBest(arms, rng);
    if (j !== leader) return j;
  }
  return drawBest(arms, rng, leader);
}

/**
 * Share of traffic Thompson sampling would give each arm now: P(arm is best | data), estimated
 * from `draws` joint posterior draws (sampling is what Thompson allocation is).
 */
export function thompsonAllocation(
  arms: readonly ArmCounts[],
  o: { draws?: number; seed?: number } = {},
): number[] {
  const draws = o.draws ?? 10_000;
  const rng = seededRandom(o.seed ?? 1);
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) wins[drawBest(arms, rng)]!++;
  return wins.map((w) => w / draws);
}

export type Policy = 'thompson' | 'top-two' | 'uniform';

export interface SimulationResult {
  policy: Policy;
  /** Σ_t (p* − p_{a_t}): expected reward lost to allocation, after each `recordEvery` units */
  cumulativeRegret: number[];
  finalRegret: number;
  pulls: number[];
  /** the arm with the highest posterior mean at the end */
  recommended: number;
  /**
   * units after which the recommendation (highest posterior mean) was the true best arm and stayed
   * so to the end of the horizon; null if it is wrong at the end
   */
  identifiedAt: number | null;
}

/**
 * One run of `horizon` units over arms with true conversion rates `rates`. Posteriors are updated
 * after every `batchSize` units (1 = after each unit; a daily batch models a push schedule).
 * Uniform allocation is round-robin, so its regret is exactly horizon × (p* − mean p) when the
 * horizon is a multiple of the arm count.
 */
export function simulateBandit(o: {
  rates: readonly number[];
  horizon: number;
  policy: Policy;
  seed?: number;
  beta?: number;
  batchSize?: number;
  recordEvery?: number;
}): SimulationResult {
  const { rates, horizon, policy } = o;
  const k = rates.length;
  if (k < 1) throw new RangeError('no arms');
  const rng = seededRandom(o.seed ?? 1);
  const batch = Math.max(1, o.batchSize ?? 1);
  const every = Math.max(1, o.recordEvery ?? Math.ceil(horizon / 100));
  const best = rates.indexOf(Math.max(...rates));
  const arms: ArmCounts[] = rates.map(() => ({ successes: 0, failures: 0 }));
  const pending: ArmCounts[] = rates.map(() => ({ successes: 0, failures: 0 }));
  const pulls = new Array<number>(k).fill(0);
  const cumulativeRegret: number[] = [];
  let regret = 0;
  let lastWrong = 0;
  let recommended = 0;
  for (let t = 1; t <= horizon; t++) {
    const a =
      policy === 'uniform'
        ? (t - 1) % k
        : policy === 'thompson'
          ? thompsonPick(arms, rng)
          : topTwoPick(arms, rng, o.beta ?? 0.5);
    pulls[a]!++;
    regret += rates[best]! - rates[a]!;
    if (rng() < rates[a]!) pending[a]!.successes++;
    else pending[a]!.failures++;
    if (t % batch === 0 || t === horizon) {
      for (let i = 0; i < k; i++) {
        arms[i]!.successes += pending[i]!.successes;
        arms[i]!.failures += pending[i]!.failures;
        pending[i] = { successes: 0, failures: 0 };
      }
      recommended = argmaxPosteriorMean(arms);
      if (recommended !== best) lastWrong = t;
    } else if (recommended !== best) lastWrong = t;
    if (t % every === 0 || t === horizon) cumulativeRegret.push(regret);
  }
  return {
    policy,
    cumulativeRegret,
    finalRegret: regret,
    pulls,
    recommended,
    identifiedAt: recommended === best ? lastWrong : null,
  };
}

function argmaxPosteriorMean(arms: readonly ArmCounts[]): number {
  let best = 0;
  let value = -Infinity;
  arms.forEach((a, i) => {
    const m = (1 + a.successes) / (2 + a.successes + a.failures);
    if (m > value) {
      value = m;
      best = i;
    }
  });
  return best;
}

export interface PolicySummary {
  policy: Policy;
  meanFinalRegret: number;
  /** share of runs whose recommendation at the end is the true best arm */
  identifiedShare: number;
  /** mean units to a correct and lasting recommendation over the runs that identified it */
  meanIdentifiedAt: number | null;
}

/** Averages `runs` seeded simulations of each policy on the same truth (seeds seed … seed + runs − 1). */
export function compareAllocations(o: {
  rates: readonly number[];
  horizon: number;
  runs?: number;
  seed?: number;
  batchSize?: number;
  policies?: Policy[];
}): PolicySummary[] {
  const runs = o.runs ?? 20;
  return (o.policies ?? ['thompson', 'top-two', 'uniform']).map((policy) => {
    let regret = 0;
    let identified = 0;
    let at = 0;
    for (let r = 0; r < runs; r++) {
      const s = simulateBandit({ ...o, policy, seed: (o.seed ?? 1) + r, recordEvery: o.horizon });
      regret += s.finalRegret;
      if (s.identifiedAt !== null) {
        identified++;
        at += s.identifiedAt;
      }
    }
    return {
      policy,
      meanFinalRegret: regret / runs,
      identifiedShare: identified / runs,
      meanIdentifiedAt: identified ? at / identified : null,
    };
  });
}
