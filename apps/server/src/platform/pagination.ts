import { z } from 'zod';
import { AppError } from './errors.ts';

/** Keyset pagination: the cursor is an opaque base64url JSON of the last row's sort key. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    /* fall through */
  }
  throw new AppError(
    'invalid',
    'request.cursor_invalid',
    'The cursor is not one this API issued; start again without it',
  );
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetch limit + 1 rows; the extra one tells whether another page exists. */
export function toPage<T>(fetched: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: fetched.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
