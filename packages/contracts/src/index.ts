export * from './ingest.ts';
export * from './errors.ts';
