/**
 * What the compliance module does when a review stage's SLA clock passes a mark: the mark is
 * audited against the item (the queue and the timeline read the clock itself). Registered by the
 * worker, which runs the sweep.
 */
import { recordAudit } from '../../platform/audit.ts';
import { systemCtx } from '../../platform/context.ts';
import { onSla, type SlaEvent } from '../../platform/sla.ts';
import type { App } from '../../platform/context.ts';
import { SLA_PREFIX } from './items.repo.ts';

export async function onComplianceSla(app: App, e: SlaEvent): Promise<void> {
  const meta = e.clock.meta as { itemId?: string; version?: number };
  await recordAudit(systemCtx(app, 'sla'), {
    action: `sla.${e.mark}`,
    entity: 'compliance_item',
    entityId: meta.itemId ?? e.clock.subject,
    after: { stage: e.clock.clock, version: meta.version, owner: e.clock.owner, dueAt: e.clock.dueAt },
  });
}

export function registerComplianceSla(): void {
  onSla(SLA_PREFIX, onComplianceSla);
}
