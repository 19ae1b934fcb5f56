import { createHash, randomBytes } from 'node:crypto';

/** Prefixed text ids (`mbr_…`). Random ids are 16 bytes of base32-ish hex; derived ids are stable hashes. */
export type IdPrefix =
  | 'mbr'
  | 'tag'
  | 'psn'
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
  | 'wcg';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/**
 * A deterministic id from an external key, so the same client record always maps to the same row
 * (a retried batch or a re-run import lands on the same id instead of a new one).
 */
export function derivedId(prefix: IdPrefix, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20)}`;
}
