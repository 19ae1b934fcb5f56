/**
 * A stored test turned into its assignment function, once per configuration: the hashing is the
 * package's (`createAssigner`: sticky, stable when traffic grows, layers and the global holdout),
 * so the server, the worker and the demo generator all place a member in the same arm.
 *
 * Factorial tests randomise each factor on its own hash (salt `<salt>/<factor>`), behind one gate
 * hash that applies traffic, layer and holdout: every level of a factor gets an equal share
 * whatever the other factors say, which is what main effects need.
 */
import type {
  AssignmentReason,
  ExperimentContent,
  ExperimentFactor,
  ExperimentStatus,
} from '@linli/contracts/experiments';
import { createAssigner, type Assigner } from '@linli/experiments';
import { type Definition, LEVEL_SEPARATOR, contentOf, controlArm } from './definition.ts';

export interface AssignmentConfig {
  key: string;
  salt: string;
  status: ExperimentStatus;
  /** the status before archiving, for an archived test */
  archivedFrom: ExperimentStatus | null;
  definition: Pick<Definition, 'design' | 'variants' | 'factors' | 'traffic' | 'contentId'>;
  layer: { key: string; salt: string; from: number; to: number } | null;
  holdout: { salt: string; share: number };
  shippedArm: string | null;
}

export interface Decision {
  arm: string | null;
  reason: AssignmentReason;
}

export interface CompiledExperiment {
  key: string;
  /** the status that decides what members see (an archived test acts as it did before) */
  status: ExperimentStatus;
  contentId: string | null;
  /** pure and synchronous: eligibility by segment is checked by the caller */
  decide(memberId: string): Decision;
  content(arm: string | null): ExperimentContent;
  levels(arm: string | null): Record<string, string> | null;
}

export function compileExperiment(c: AssignmentConfig): CompiledExperiment {
  const d = c.definition;
  const status = c.status === 'archived' ? (c.archivedFrom ?? 'draft') : c.status;
  const holdout = c.holdout.share > 0 ? c.holdout : undefined;
  const layer = c.layer ?? undefined;
  const fallback = contentOf(d, c.shippedArm ?? controlArm(d)) ?? {};
  const base = { key: c.key, salt: c.salt, traffic: d.traffic, layer, holdout };

  let decideRunning: (memberId: string) => Decision;
  if (d.design === 'variants') {
    const assigner = createAssigner({
      ...base,
      arms: d.variants!.map((v) => ({ name: v.name, weight: v.weight })),
    });
    decideRunning = (m) => {
      const x = assigner.explain(m);
      return { arm: x.arm, reason: x.reason };
    };
  } else {
    const gate = createAssigner({ ...base, arms: [{ name: 'in', weight: 1 }] });
    const perFactor: Assigner[] = d.factors!.map((f) => factorAssigner(c.key, c.salt, f));
    decideRunning = (m) => {
      const x = gate.explain(m);
      if (!x.arm) return { arm: null, reason: x.reason };
      let arm = perFactor[0]!.assign(m)!;
      for (let i = 1; i < perFactor.length; i++) arm += LEVEL_SEPARATOR + perFactor[i]!.assign(m)!;
      return { arm, reason: 'assigned' };
    };
  }

  return {
    key: c.key,
    status,
    contentId: d.contentId,
    decide(memberId) {
      if (status === 'shipped') return { arm: null, reason: 'shipped' };
      if (status !== 'running') return { arm: null, reason: 'not_running' };
      return decideRunning(memberId);
    },
    content: (arm) => (arm === null ? fallback : (contentOf(d, arm) ?? fallback)),
    levels(arm) {
      if (arm === null || d.design !== 'factorial') return null;
      const keys = arm.split(LEVEL_SEPARATOR);
      return Object.fromEntries(d.factors!.map((f, i) => [f.name, keys[i]!]));
    },
  };
}

function factorAssigner(key: string, salt: string, f: ExperimentFactor): Assigner {
  return createAssigner({
    key,
    salt: `${salt}/${f.name}`,
    arms: f.levels.map((l) => ({ name: l.key, weight: 1 })),
  });
}
