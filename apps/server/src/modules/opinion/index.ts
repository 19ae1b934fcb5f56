/**
 * Public-opinion response (seed 6.2): messages from reviews, complaints, group chats, customer
 * service, social media and NPS detractors, triaged on arrival (`@linli/opinion`), grouped into
 * incidents with an owner and a level, SLA clocks per level with warnings and automatic escalation
 * (`platform/sla.ts`), notices in the console, to the operations WeCom group and to the on-call
 * executive; affected members of a product incident; NPS surveys and their report.
 */
export {
  opinionMessages,
  opinionIncidents,
  opinionTimeline,
  opinionRemedies,
  opinionNotifications,
  opinionSettings,
  npsSurveys,
} from './opinion.schema.ts';
export { opinionRoutes } from './opinion.routes.ts';
export { ingestMessages } from './intake.service.ts';
export { startOpinionJobs, createDueSurveys } from './opinion.jobs.ts';
export { registerSlaHandler, reconcileSla } from './sla.service.ts';
export { seedMessages, seedAction, type SeedAction } from './seed.ts';
export { SLA_PREFIX } from './keys.ts';
