export { ingestEvents, eventIdOf } from './activity.service.ts';
export { forgetPartitions } from './activity.repo.ts';
export { eventIds, events } from './activity.schema.ts';
