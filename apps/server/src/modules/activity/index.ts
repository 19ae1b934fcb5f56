export { ingestEvents, eventIdOf } from './activity.service.ts';
export { forgetPartitions } from './activity.repo.ts';
export { events } from './activity.schema.ts';
