/**
 * What an operator sends to create or change a test, checked field by field, and the pure rules
 * around it: arm names of factorial designs, the content each arm shows, what may change while a
 * test runs.
 */
import {
  EXPERIMENT_METRICS,
  GUARDRAILS,
  SCORE_INPUTS,
  type ExperimentContent,
  type ExperimentFactor,
  type ExperimentMetrics,
  type ExperimentStatus,
  type ExperimentVariant,
} from '@linli/contracts/experiments';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';

/** Path segments of the API that cannot be experiment keys. */
const RESERVED_KEYS = new Set(['new', 'settings', 'layers', 'plan']);
/** More arms than this is a factorial job, not a list of variants. */
export const MAX_VARIANTS = 100;
/** Combinations of a factorial design: 28 × 15 × 9 = 3,780 fits, 10,000 is the ceiling. */
export const MAX_COMBINATIONS = 10_000;
/** Separates the levels in a factorial arm's name: `T07|C03|B2`. */
export const LEVEL_SEPARATOR = '|';

const token = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -, at most 32 characters');

const httpUrl = z
  .string()
  .max(1000)
  .refine((u) => /^https?:\/\/\S+$/.test(u), 'an http(s) URL');

export const contentInput = z
  .object({
    title: z.string().max(200).optional(),
    text: z.string().max(2000).optional(),
    imageUrl: httpUrl.optional(),
    buttonLabel: z.string().max(40).optional(),
  })
  .strict();

const variantInput = z.object({
  name: token,
  weight: z.number().positive().max(1000).default(1),
  content: contentInput.default({}),
});

const levelInput = z.object({
  key: token,
  label: z.string().max(80).optional(),
  content: contentInput.default({}),
});

const factorInput = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _, starting with a letter'),
  levels: z.array(levelInput).min(2, 'a factor needs at least two levels').max(100),
});

export const DEFAULT_METRICS: ExperimentMetrics = {
  primary: 'conversion',
  attributionHours: 72,
  dwellWinsorize: 0.99,
  weights: { conversion: 0.5, dwell: 0.3, share: 0.2 },
  covariate: 'orders_28d',
  guardrails: [
    { metric: 'unsubscribe', maxIncrease: 0.01 },
    { metric: 'complaint', maxIncrease: 0.01 },
    { metric: 'refund', maxIncrease: 0.02 },
  ],
};

const metricsInput = z
  .object({
    primary: z.enum(EXPERIMENT_METRICS).default(DEFAULT_METRICS.primary),
    attributionHours: z.number().int().min(1).max(720).default(DEFAULT_METRICS.attributionHours),
    dwellWinsorize: z
      .number()
      .gt(0.5, 'the percentile must be above 0.5, e.g. 0.99')
      .max(1)
      .default(DEFAULT_METRICS.dwellWinsorize),
    weights: z
      .partialRecord(z.enum(SCORE_INPUTS), z.number().min(0).max(100))
      .default(DEFAULT_METRICS.weights),
    covariate: z.enum(['orders_28d']).nullable().default(DEFAULT_METRICS.covariate),
    guardrails: z
      .array(z.object({ metric: z.enum(GUARDRAILS), maxIncrease: z.number().gt(0).max(1) }))
      .max(GUARDRAILS.length)
      .default(DEFAULT_METRICS.guardrails),
  })
  .default(DEFAULT_METRICS);

const planInput = z.object({
  baseRate: z.number().gt(0).lt(1).nullable().default(null),
  unitsPerArm: z.number().int().positive().nullable().default(null),
  mde: z.number().gt(0).lt(1).nullable().default(null),
});

export const experimentInput = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{1,63}$/, 'lower-case letters, digits, _ or -, starting with a letter')
      .refine((k) => !RESERVED_KEYS.has(k), 'new, settings, layers and plan are reserved'),
    name: z.string().min(1).max(80),
    hypothesis: z.string().max(2000).default(''),
    owner: z.string().max(60).default(''),
    segmentKey: z.string().min(1).max(64).nullable().default(null),
    traffic: z.number().gt(0).max(1).default(1),
    layer: z
      .object({ key: z.string().regex(/^[a-z][a-z0-9_-]{1,63}$/), share: z.number().gt(0).max(1) })
      .nullable()
      .default(null),
    design: z.enum(['variants', 'factorial']),
    variants: z.array(variantInput).max(MAX_VARIANTS).nullable().default(null),
    factors: z.array(factorInput).min(1).max(5).nullable().default(null),
    /** null counts every content view and share; the default is the test's key */
    contentId: z.string().min(1).max(128).nullable().optional(),
    metrics: metricsInput,
    plannedDays: z.number().int().min(1).max(90).default(3),
    plan: planInput.default({ baseRate: null, unitsPerArm: null, mde: null }),
    learned: z.string().max(2000).default(''),
    /** part of the assignment hash (random when not given); fixed once the test starts */
    salt: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -')
      .optional(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (e.design === 'variants') {
      if (!e.variants || e.variants.length < 2)
        issue(['variants'], 'a test of variants needs at least two (the first is the control)');
      if (e.factors) issue(['factors'], 'a test of variants has no factors');
      dupes(e.variants?.map((v) => v.name) ?? []).forEach((i) =>
        issue(['variants', i, 'name'], 'used twice'),
      );
    } else {
      if (!e.factors) issue(['factors'], 'a factorial test needs its factors and their levels');
      if (e.variants) issue(['variants'], 'a factorial test has factors, not variants');
      const f = e.factors ?? [];
      dupes(f.map((x) => x.name)).forEach((i) => issue(['factors', i, 'name'], 'used twice'));
      f.forEach((x, fi) =>
        dupes(x.levels.map((l) => l.key)).forEach((i) =>
          issue(['factors', fi, 'levels', i, 'key'], 'used twice in this factor'),
        ),
      );
      const combos = f.reduce((p, x) => p * x.levels.length, 1);
      if (combos > MAX_COMBINATIONS)
        issue(['factors'], `${combos} combinations: at most ${MAX_COMBINATIONS.toLocaleString('en-US')}`);
    }
    const w = Object.values(e.metrics.weights).reduce((s: number, v) => s + (v ?? 0), 0);
    if (!(w > 0)) issue(['metrics', 'weights'], 'the score needs at least one positive weight');
    dupes(e.metrics.guardrails.map((g) => g.metric)).forEach((i) =>
      issue(['metrics', 'guardrails', i, 'metric'], 'used twice'),
    );
  });

export type ExperimentInput = z.infer<typeof experimentInput>;

function dupes(list: readonly string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  list.forEach((v, i) => {
    if (seen.has(v)) out.push(i);
    seen.add(v);
  });
  return out;
}

/** The definition as stored: defaults filled in, labels given, the content id settled. */
export interface Definition {
  key: string;
  name: string;
  hypothesis: string;
  owner: string;
  segmentKey: string | null;
  traffic: number;
  layer: { key: string; share: number } | null;
  design: 'variants' | 'factorial';
  variants: ExperimentVariant[] | null;
  factors: ExperimentFactor[] | null;
  contentId: string | null;
  metrics: ExperimentMetrics;
  plannedDays: number;
  plan: { baseRate: number | null; unitsPerArm: number | null; mde: number | null };
  learned: string;
  salt?: string | undefined;
}

export function normalise(e: ExperimentInput): Definition {
  return {
    ...e,
    contentId: e.contentId === undefined ? e.key : e.contentId,
    variants: e.variants?.map((v) => ({ name: v.name, weight: v.weight, content: v.content })) ?? null,
    factors:
      e.factors?.map((f) => ({
        name: f.name,
        levels: f.levels.map((l) => ({ key: l.key, label: l.label ?? l.key, content: l.content })),
      })) ?? null,
  };
}

/** Checks and normalises a definition given in code (the demo's); throws on a bad one. */
export const parseExperiment = (input: unknown): Definition => normalise(experimentInput.parse(input));

/** Fields whose change would mix two different tests in one set of results. */
const LOCKED_WHEN_STARTED = [
  'design',
  'variants',
  'factors',
  'segmentKey',
  'layer',
  'contentId',
  'salt',
] as const satisfies ReadonlyArray<keyof Definition>;

/** Once a test has started, only its description, traffic and analysis settings may change. */
export function assertChangeAllowed(status: ExperimentStatus, before: Definition, after: Definition): void {
  if (status === 'draft') return;
  const changed = LOCKED_WHEN_STARTED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (status !== 'running' && before.traffic !== after.traffic) changed.push('traffic' as never);
  if (changed.length)
    throw new AppError(
      'conflict',
      'experiments.locked',
      `A ${status} test cannot change ${changed.join(', ')}: that would mix two tests in one result. Create a new test instead.`,
      changed.map((field) => ({ field, reason: `locked once the test has started (${status})` })),
    );
}

/** Every arm of a design in order: the variants, or each combination of levels (first = control). */
export function armNames(d: Pick<Definition, 'design' | 'variants' | 'factors'>): string[] {
  if (d.design === 'variants') return d.variants!.map((v) => v.name);
  let combos: string[][] = [[]];
  for (const f of d.factors!) combos = combos.flatMap((c) => f.levels.map((l) => [...c, l.key]));
  return combos.map((c) => c.join(LEVEL_SEPARATOR));
}

/** The factor levels named by a factorial arm, or null when it does not name one level of each. */
export function levelsOf(factors: readonly ExperimentFactor[], arm: string): Record<string, string> | null {
  const keys = arm.split(LEVEL_SEPARATOR);
  if (keys.length !== factors.length) return null;
  const out: Record<string, string> = {};
  for (const [i, f] of factors.entries()) {
    if (!f.levels.some((l) => l.key === keys[i])) return null;
    out[f.name] = keys[i]!;
  }
  return out;
}

/** What an arm shows: a variant's content, or the levels' contents merged in factor order. */
export function contentOf(
  d: Pick<Definition, 'design' | 'variants' | 'factors'>,
  arm: string,
): ExperimentContent | null {
  if (d.design === 'variants') return d.variants!.find((v) => v.name === arm)?.content ?? null;
  const levels = levelsOf(d.factors!, arm);
  if (!levels) return null;
  return Object.assign(
    {},
    ...d.factors!.map((f) => f.levels.find((l) => l.key === levels[f.name])!.content),
  ) as ExperimentContent;
}

/** The control: the first variant, or every factor at its first (reference) level. */
export const controlArm = (d: Pick<Definition, 'design' | 'variants' | 'factors'>): string =>
  d.design === 'variants'
    ? d.variants![0]!.name
    : d.factors!.map((f) => f.levels[0]!.key).join(LEVEL_SEPARATOR);
