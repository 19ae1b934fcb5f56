export { ingestEvents, eventIdOf } from './activity.service.ts';
export { forgetPartitions } from './activity.repo.ts';
export { eventIds, events } from './activity.schema.ts';
export * as eventKpis from './kpis.repo.ts';
