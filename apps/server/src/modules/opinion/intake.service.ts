/**
 * Taking messages in: checked item by item, triaged in process the moment they arrive (the minutes
 * of an SLA are for people, not for a queue), tied to what the order, member and pickup point say,
 * stored with the triage version, grouped into incidents — in one transaction (intake.store.ts), so a
 * batch is in completely or not at all, and a retry of the same ids changes nothing.
 */
import type {
  IntakeResult,
  OpinionCategory,
  OpinionLevel,
  OpinionRowProblem,
} from '@linli/contracts/opinion';
import type { Ctx } from '../../platform/context.ts';
import { checkMessages, type IncomingMessage } from './intake.input.ts';
import { knownMessages, storeMessages, type Known, type TakeOptions } from './intake.store.ts';

export interface TakenMessage {
  index: number;
  id: string;
  level: OpinionLevel;
  category: OpinionCategory | null;
  incidentId: string | null;
  duplicate: boolean;
}

/** A batch from the API, a file or a webhook: every item answered, every rejected one named. */
export async function ingestMessages(
  ctx: Ctx,
  items: unknown[],
  o: { lines?: number[] | undefined } = {},
): Promise<IntakeResult> {
  const { valid, problems } = checkMessages(items, {
    toleranceMs: ctx.config.LINLI_FUTURE_TOLERANCE_MINUTES * 60_000,
  });
  const taken = await takeMessages(ctx, valid);
  const withRows: OpinionRowProblem[] = problems.map((p) => (o.lines ? { ...p, row: o.lines[p.index] } : p));
  const accepted = taken.filter((t) => !t.duplicate).length;
  return {
    received: items.length,
    accepted,
    duplicates: taken.length - accepted,
    rejected: withRows,
    messages: taken,
  };
}

/** Triage, enrichment, storage and grouping of checked messages. */
export async function takeMessages(
  ctx: Ctx,
  list: IncomingMessage[],
  o: TakeOptions = {},
): Promise<TakenMessage[]> {
  if (list.length === 0) return [];
  // a retry is found by the insert itself (ON CONFLICT): a new message, the common case, costs no lookup
  const stored = await storeMessages(ctx, list, o);
  const byId = new Map(stored.triaged.map((m) => [m.id, m]));
  const late = list.filter((m) => !stored.inserted.has(m.id)).map((m) => m.id);
  const known = late.length ? await knownMessages(ctx.database.pool, late) : new Map<string, Known>();
  return list.map((m) => {
    const k = known.get(m.id);
    if (k) return { index: m.index, ...k, duplicate: true };
    const t = byId.get(m.id)!;
    return {
      index: m.index,
      id: m.id,
      level: t.level,
      category: t.category,
      incidentId: stored.placed.get(m.id) ?? null,
      duplicate: false,
    };
  });
}
