/**
 * The demo community generator (`linli demo`): a synthetic Hangzhou community group-buying business
 * with the seed's three personas hidden among its members, loaded with COPY.
 */
export { generateDemo, type DemoWorld } from './demo-rules.ts';
export {
  deferIndexesWhenEmpty,
  loadDemo,
  writeTruth,
  type DemoProgress,
  type DemoSummary,
  type LoadDemoOptions,
} from './demo.loader.ts';
export { DEMO_TABLES, type DemoTable } from './demo-rows.ts';
export type * from './demo-types.ts';
