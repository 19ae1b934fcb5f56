/**
 * Asia/Shanghai calendar days as `YYYY-MM-DD`. The zone has kept UTC+8 without daylight saving
 * since 1991, so a fixed offset is exact for every date Linli handles.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a Shanghai calendar day, as an instant. */
export function shanghaiMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The Shanghai calendar day of an instant as whole days since 1970-01-01. */
export function shanghaiEpochDay(at: Date): number {
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}
