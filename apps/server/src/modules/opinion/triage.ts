/**
 * The one place the module meets the triage package (`@linli/opinion`): everything else calls
 * `triageMessage`, so a change of the package's names touches only this file.
 */
import { prepareTriage, triage, triageVersion, type TriageContext } from '@linli/opinion';
import type { OpinionCategory, OpinionLevel, OpinionSource, TriageEvidence } from '@linli/contracts/opinion';

export interface Triage {
  level: OpinionLevel;
  category: OpinionCategory | null;
  reasons: string[];
  /** the spans of the text behind the reasons, for the console to highlight */
  evidence: TriageEvidence[];
  version: string;
}

/**
 * Longest text the triage reads. A monitoring tool may forward a whole article: the first part is
 * where a complaint says what happened, and the evidence offsets stay valid in the full text.
 */
export const TRIAGE_MAX_CHARS = 5_000;

export function triageMessage(
  text: string,
  context: { source?: OpinionSource; priorOpenComplaints?: number; orderAgeHours?: number } = {},
): Triage {
  const c: TriageContext = {};
  if (context.priorOpenComplaints !== undefined) c.priorOpenComplaints = context.priorOpenComplaints;
  if (context.orderAgeHours !== undefined) c.orderAgeHours = context.orderAgeHours;
  const r = triage(text.length > TRIAGE_MAX_CHARS ? text.slice(0, TRIAGE_MAX_CHARS) : text, c);
  return {
    level: r.level,
    category: r.category,
    reasons: [...r.reasons],
    evidence: r.evidence.map((e) => ({ reason: e.reason, start: e.start, end: e.end })),
    version: triageVersion(),
  };
}

/** Loads the model and builds the matchers now, so the first message is as fast as the rest. */
export function warmTriage(): void {
  prepareTriage();
  triageVersion();
}

export { triageVersion };
