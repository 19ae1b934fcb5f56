/**
 * The module's background work, in the worker process: triage of queued review and complaint
 * events, the SLA sweep (the platform's, with this module's handler registered), the WeCom outbox,
 * the reconcile of SLA marks a crash left unhandled, and NPS surveys after pickups. One loop, each
 * task on its own period; every task is safe to run in several workers at once.
 */
import type { App } from '../../platform/context.ts';
import { sweepSla } from '../../platform/sla.ts';
import { drainEventFeed } from './feed.service.ts';
import { deliverWecom } from './notify.service.ts';
import { createPickupSurveys } from './nps.service.ts';
import { reconcileSla, registerSlaHandler } from './sla.service.ts';
import { warmTriage } from './triage.ts';

export interface OpinionJobOptions {
  tickMs?: number;
  sweepMs?: number;
  deliverMs?: number;
  reconcileMs?: number;
  surveysMs?: number;
}

/** Surveys for pickups of the last day (idempotent per order; a member at most monthly). */
export function createDueSurveys(app: App, now = new Date()): Promise<number> {
  return createPickupSurveys(app, new Date(now.getTime() - 24 * 3_600_000), now);
}

export function startOpinionJobs(app: App, o: OpinionJobOptions = {}): { stop(): Promise<void> } {
  registerSlaHandler();
  warmTriage();
  const tasks: Array<{ every: number; last: number; name: string; run: () => Promise<unknown> }> = [
    {
      name: 'feed',
      every: o.tickMs ?? 1_000,
      last: 0,
      run: async () => {
        while (!stopped && (await drainEventFeed(app)) > 0);
      },
    },
    { name: 'sla sweep', every: o.sweepMs ?? 5_000, last: 0, run: () => sweepSla(app) },
    { name: 'wecom', every: o.deliverMs ?? 5_000, last: 0, run: () => deliverWecom(app) },
    { name: 'sla reconcile', every: o.reconcileMs ?? 60_000, last: 0, run: () => reconcileSla(app) },
    { name: 'nps surveys', every: o.surveysMs ?? 600_000, last: 0, run: () => createDueSurveys(app) },
  ];
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (const t of tasks) {
      if (stopped) return;
      if (Date.now() - t.last < t.every) continue;
      t.last = Date.now();
      await t.run().catch((err: unknown) => app.log.error({ err }, `opinion ${t.name} failed`));
    }
  };
  const loop = () => {
    current = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, Math.min(o.tickMs ?? 1_000, 1_000));
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
