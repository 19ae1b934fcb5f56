/** Pure date and ratio rules of the overview dashboard (no IO). */
import { addDays, shanghaiMidnight } from '../../platform/shanghai.ts';

export { addDays, shanghaiDay, shanghaiMidnight } from '../../platform/shanghai.ts';

const DAY_MS = 86_400_000;

export interface DayRange {
  /** first day, Asia/Shanghai calendar, YYYY-MM-DD */
  from: string;
  /** last day, inclusive */
  to: string;
}

export function daysIn(range: DayRange): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** The period of equal length that ends the day before `range` starts. */
export function previousPeriod(range: DayRange): DayRange {
  const n = daysIn(range);
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) };
}

/** `[start, end)` instants covering the range's days. */
export function instantsOf(range: DayRange): { start: Date; end: Date } {
  return { start: shanghaiMidnight(range.from), end: shanghaiMidnight(addDays(range.to, 1)) };
}

/** The last `days` days up to and including `to`. */
export function trailing(to: string, days: number): DayRange {
  return { from: addDays(to, -(days - 1)), to };
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Relative change from `before` to `now`; null when there is nothing to compare against. */
export function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return (now - before) / Math.abs(before);
}
