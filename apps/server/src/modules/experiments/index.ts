/**
 * The content lab: tests of titles, covers and calls to action (explicit variants or factors with
 * levels), assignment in process and over HTTP, outcomes aggregated in SQL from orders and events,
 * and the statistics of `@linli/experiments` on top; `linli experiments analyze|factorial` for
 * batch use without a database.
 *
 * For content and messaging modules, one line:
 *   const a = await assignmentFor(app, 'weekend-title', memberId); // a.content: what to show
 */
export {
  experiments,
  experimentExposures,
  experimentStats,
  experimentLayers,
  experimentSettings,
} from './experiments.schema.ts';
export {
  assignmentFor,
  experimentCache,
  flushExposures,
  writeExposures,
  type AssignOptions,
  type ExperimentCache,
} from './assignment.ts';
export { compileExperiment, type AssignmentConfig, type CompiledExperiment } from './compile.ts';
export { armNames, controlArm, contentOf, parseExperiment, type Definition } from './definition.ts';
export { refreshRunning, refreshExperiment, experimentResults } from './results.service.ts';
export { experimentsRoutes } from './experiments.routes.ts';
