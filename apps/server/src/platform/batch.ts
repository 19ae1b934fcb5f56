import type { z } from 'zod';
import type { BatchResult } from '@linli/contracts';
import type { ItemProblem } from './errors.ts';

/**
 * Batch validation shared by every ingestion path (HTTP and file import): each item is checked on
 * its own, so one bad item is reported with its index, field and reason while the rest are stored.
 */
export interface Valid<T> {
  index: number;
  value: T;
}

export interface Checked<T> {
  valid: Valid<T>[];
  problems: ItemProblem[];
}

export function checkItems<S extends z.ZodType>(
  items: unknown[],
  schema: S,
  module: string,
  refine?: (value: z.infer<S>, problem: (field: string, reason: string, code: string) => void) => void,
): Checked<z.infer<S>> {
  const valid: Valid<z.infer<S>>[] = [];
  const problems: ItemProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((raw, index) => {
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || '(item)';
        problems.push({ index, field, reason: issue.message, code: `${module}.${codeFor(issue)}` });
      }
      return;
    }
    const mine: ItemProblem[] = [];
    refine?.(parsed.data, (field, reason, code) =>
      mine.push({ index, field, reason, code: `${module}.${code}` }),
    );
    const key = (parsed.data as { id?: unknown; sku?: unknown }).id ?? (parsed.data as { sku?: unknown }).sku;
    if (typeof key === 'string') {
      const first = seen.get(key);
      if (first !== undefined) {
        mine.push({
          index,
          field: 'id' in (parsed.data as object) ? 'id' : 'sku',
          reason: `duplicate of item ${first} in the same batch`,
          code: `${module}.duplicate_in_batch`,
        });
      } else if (mine.length === 0) seen.set(key, index);
    }
    if (mine.length) problems.push(...mine);
    else valid.push({ index, value: parsed.data });
  });
  return { valid, problems };
}

function codeFor(issue: z.core.$ZodIssue): string {
  const field = String(issue.path.at(-1) ?? 'item').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${field}_missing`;
  if (issue.code === 'invalid_value' && field === 'type') return 'event_type_unknown';
  if (issue.code === 'unrecognized_keys') return 'unknown_field';
  return `${field}_invalid`;
}

/**
 * Parses an ISO 8601 instant. A time without an offset is Shanghai local time, the business's own
 * clock. Rejects instants further in the future than `toleranceMs`.
 */
/** An ISO 8601 instant; a time without an offset is Shanghai local time, the business's own clock. */
export function instantOf(text: string): Date | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(trimmed))
    return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const local = trimmed.replace(' ', 'T') + (trimmed.length === 10 ? 'T00:00:00' : '');
  const d = new Date(hasZone ? local : `${local}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Validates an instant for a batch item; rejects instants further in the future than `toleranceMs`. */
export function parseInstant(
  text: string,
  field: string,
  toleranceMs: number,
  problem: (field: string, reason: string, code: string) => void,
  now = Date.now(),
): Date | null {
  const d = instantOf(text);
  if (!d) {
    problem(field, `not an ISO 8601 time: ${JSON.stringify(text)}`, `${snake(field)}_invalid`);
    return null;
  }
  if (d.getTime() > now + toleranceMs) {
    problem(
      field,
      `${text} is in the future (more than ${Math.round(toleranceMs / 60000)} minutes ahead)`,
      `${snake(field)}_in_future`,
    );
    return null;
  }
  return d;
}

export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

function snake(field: string): string {
  return (field.split('.').at(-1) ?? field).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function batchResult(received: number, accepted: number, problems: ItemProblem[]): BatchResult {
  const rejectedItems = new Set(problems.map((p) => p.index)).size;
  return {
    received,
    accepted,
    duplicates: received - rejectedItems - accepted,
    rejected: problems.sort((a, b) => a.index - b.index),
  };
}
