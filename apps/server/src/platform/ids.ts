import { hash, randomBytes } from 'node:crypto';

/** Prefixed text ids (`mbr_…`). Random ids are 16 bytes of base32-ish hex; derived ids are stable hashes. */
export type IdPrefix =
  | 'mbr'
  | 'tag'
  | 'seg'
  | 'psn'
  | 'val'
  | 'ord'
  | 'evt'
  | 'com'
  | 'pkp'
  | 'ldr'
  | 'prd'
  | 'cat'
  | 'rfd'
  | 'usr'
  | 'key'
  | 'ses'
  | 'imp'
  | 'aud'
  | 'cty'
  | 'wcg'
  | 'rsk'
  | 'exp'
  | 'cmi'
  | 'cmm'
  | 'cma';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/**
 * A deterministic id from an external key, so the same client record always maps to the same row
 * (a retried batch or a re-run import lands on the same id instead of a new one).
 */
export function derivedId(prefix: IdPrefix, ...parts: string[]): string {
  // one-shot hash(): about a third of the cost of createHash().update().digest() for short input,
  // which counts at several ids per ingested item
  return `${prefix}_${hash('sha256', parts.join('\u0000'), 'hex').slice(0, 20)}`;
}
