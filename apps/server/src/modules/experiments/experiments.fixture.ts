/**
 * A test with a known truth for the database tests: members exposed over two days, each arm with
 * its own conversion, dwell, share and complaint rates, a pre-period order history that predicts
 * conversion (so CUPED has something to remove), and the orders and events sent through the
 * ingest API like any client's. Exposures are written as the in-process assignment writes them,
 * but with the times of a test that started days ago (the API can only log the present).
 */
import { seededRandom } from '@linli/intelligence';
import type { App } from '../../platform/context.ts';
import { execute, sql } from '../../platform/db/fragments.ts';
import { memberIdOf } from '../members/index.ts';
import { writeExposures } from './assignment.ts';
import type { CompiledExperiment } from './compile.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ArmTruth {
  conversion: number;
  dwellMs: number;
  share: number;
  complaint: number;
}

type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: { rejected?: unknown[] } }>;

/**
 * Exposes `members` members (`<prefix>-<i>`) to a started test, arm by the compiled assignment,
 * from `start` over two days, and sends what each then did. Returns the units and converters per arm.
 */
export async function plantOutcomes(
  app: App,
  call: Call,
  o: {
    experimentId: string;
    experimentKey: string;
    compiled: CompiledExperiment;
    members: number;
    prefix: string;
    start: Date;
    truth: (arm: string) => ArmTruth;
    contentId: string;
    seed: number;
    /** write exposures with this arm instead of the assigned one for a share of members (a broken split) */
    skew?: { arm: string; share: number };
  },
): Promise<{ units: Record<string, number>; converted: Record<string, number> }> {
  const rand = seededRandom(o.seed);
  const exposures: Array<{ experimentId: string; memberId: string; arm: string; at: Date }> = [];
  const orders: unknown[] = [];
  const events: unknown[] = [];
  const perArm: Record<string, number> = {};
  const converted: Record<string, number> = {};
  for (let i = 0; i < o.members; i++) {
    const ext = `${o.prefix}-${i}`;
    const id = memberIdOf(ext);
    let { arm } = o.compiled.decide(id);
    if (!arm) continue;
    if (o.skew && rand() < o.skew.share) arm = o.skew.arm;
    perArm[arm] = (perArm[arm] ?? 0) + 1;
    const at = new Date(o.start.getTime() + Math.floor(rand() * 48 * HOUR));
    exposures.push({ experimentId: o.experimentId, memberId: id, arm, at });
    const t = o.truth(arm);
    // the pre-period: 0–3 orders in the 28 days before exposure; buyers then buy more now
    const pre = Math.floor(rand() * 4);
    for (let k = 0; k < pre; k++)
      orders.push(
        order(`${ext}-pre-${k}`, ext, new Date(at.getTime() - (1 + rand() * 26) * DAY), 1500 + k * 300),
      );
    if (rand() < Math.min(0.95, t.conversion + 0.12 * pre)) {
      converted[arm] = (converted[arm] ?? 0) + 1;
      orders.push(
        order(
          `${ext}-buy`,
          ext,
          new Date(at.getTime() + rand() * 60 * HOUR),
          2000 + Math.floor(rand() * 6000),
        ),
      );
    }
    // 40 % view the tested content right after exposure (heavy-tailed dwell); the rest dwell 0
    const dwellMs = Math.round(t.dwellMs * Math.exp(1.2 * normal(rand) - 0.72));
    if (rand() < 0.4)
      events.push(
        event(`${ext}-view`, ext, 'content_view', new Date(at.getTime() + 1000), {
          contentId: o.contentId,
          dwellMs,
        }),
      );
    if (rand() < t.share)
      events.push(
        event(`${ext}-share`, ext, 'content_share', new Date(at.getTime() + 60_000), {
          contentId: o.contentId,
        }),
      );
    if (rand() < t.complaint)
      events.push(
        event(`${ext}-complaint`, ext, 'complaint', new Date(at.getTime() + 5 * HOUR), {
          text: '配送太慢了',
        }),
      );
  }
  for (let i = 0; i < orders.length; i += 2000)
    expectAccepted(await call('POST', '/api/v1/ingest/orders', { items: orders.slice(i, i + 2000) }));
  for (let i = 0; i < events.length; i += 5000)
    expectAccepted(await call('POST', '/api/v1/ingest/events', { items: events.slice(i, i + 5000) }));
  await writeExposures(app, exposures);
  return { units: perArm, converted };
}

function expectAccepted(r: { status: number; body: { rejected?: unknown[] } }) {
  if (r.status !== 200 || r.body.rejected?.length)
    throw new Error(`ingest refused: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
}

/** Moves a test's start into the past, as if it had been started then. */
export async function backdateStart(app: App, key: string, start: Date): Promise<void> {
  await execute(app.database.pool, sql`UPDATE experiments SET started_at = ${start} WHERE key = ${key}`);
}

function order(id: string, memberId: string, placedAt: Date, fen: number) {
  return {
    id,
    memberId,
    placedAt: placedAt.toISOString(),
    items: [{ sku: 'exp-fruit', quantity: 1, unitPriceFen: fen }],
  };
}

function event(id: string, memberId: string, type: string, at: Date, extra: Record<string, unknown>) {
  return { id, memberId, type, occurredAt: at.toISOString(), ...extra };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
