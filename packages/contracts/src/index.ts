export * from './ingest.ts';
export * from './errors.ts';
export * from './tags.ts';
