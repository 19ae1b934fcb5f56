/**
 * One error type for the whole server. `kind` decides the HTTP status in one place (http/errors.ts);
 * `code` is stable and machine-readable, e.g. `members.phone_invalid`.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: unknown;
  constructor(kind: ErrorKind, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const httpStatusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** A problem with one field of one item of a batch or one row of a file. */
export interface ItemProblem {
  index: number;
  field: string;
  reason: string;
  code: string;
}

/** Parses a request body with a schema; a failure names every field and why, under `code`. */
export function parseInput<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
  },
  input: unknown,
  code: string,
  what: string,
): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { issues } = parsed.error;
  throw new AppError(
    'invalid',
    code,
    `Invalid ${what}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    issues.map((i) => ({ field: i.path.join('.'), reason: i.message })),
  );
}

interface Issue {
  path: PropertyKey[];
  message: string;
}
