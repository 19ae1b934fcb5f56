/**
 * Customer summaries (recency–frequency–monetary) from transactions, following the convention of
 * the BG/NBD literature and the `lifetimes` package: several transactions of a customer on one day
 * are one purchase, the first purchase is not a repeat purchase, and times are measured from it.
 */

export type TimeUnit = 'days' | 'weeks';

const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 };

/** Per customer: purchase day (days since 1970-01-01) → total amount spent that day. */
export type PurchaseLog = Map<string, Map<number, number>>;

export interface Transaction {
  customer: string;
  /** Whole days since 1970-01-01 (see `parseDay`). */
  day: number;
  amount: number;
}

export interface CustomerSummary {
  customer: string;
  /** Repeat purchase days in the calibration period (purchase days − 1). */
  frequency: number;
  /** Time from the first to the last purchase in the calibration period. */
  recency: number;
  /** Time from the first purchase to the end of the calibration period. */
  T: number;
  /** Mean amount of the repeat purchase days (0 when there are none). */
  monetary: number;
}

export interface HoldoutSummary extends CustomerSummary {
  /** Purchase days after the calibration end, up to and including the holdout end. */
  holdoutFrequency: number;
  /** Mean amount of those purchase days (0 when there are none). */
  holdoutMonetary: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → whole days since 1970-01-01, or null when it is not a real calendar date. */
export function parseDay(s: string): number | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/** Adds one transaction to a purchase log (same customer and day: amounts add up to one purchase). */
export function addPurchase(log: PurchaseLog, customer: string, day: number, amount: number): void {
  let days = log.get(customer);
  if (!days) log.set(customer, (days = new Map()));
  days.set(day, (days.get(day) ?? 0) + amount);
}

export function purchaseLog(transactions: Iterable<Transaction>): PurchaseLog {
  const log: PurchaseLog = new Map();
  for (const t of transactions) addPurchase(log, t.customer, t.day, t.amount);
  return log;
}

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive), days since 1970-01-01. */
  calibrationEnd: number;
  unit?: TimeUnit;
}

function summarizeOne(
  customer: string,
  days: Map<number, number>,
  calibrationEnd: number,
  perUnit: number,
): CustomerSummary | null {
  let first = Infinity;
  let last = -Infinity;
  let count = 0;
  for (const d of days.keys())
    if (d <= calibrationEnd) {
      count++;
      if (d < first) first = d;
      if (d > last) last = d;
    }
  if (count === 0) return null;
  let repeatSpend = 0;
  for (const [d, amount] of days) if (d <= calibrationEnd && d !== first) repeatSpend += amount;
  const frequency = count - 1;
  return {
    customer,
    frequency,
    recency: (last - first) / perUnit,
    T: (calibrationEnd - first) / perUnit,
    monetary: frequency > 0 ? repeatSpend / frequency : 0,
  };
}

/**
 * One summary per customer with a purchase on or before the calibration end (later transactions
 * are ignored; customers whose first purchase is later are left out), in the order first seen.
 */
export function summarize(log: PurchaseLog, o: SummaryOptions): CustomerSummary[] {
  const perUnit = DAYS_PER_UNIT[o.unit ?? 'weeks'];
  const out: CustomerSummary[] = [];
  for (const [customer, days] of log) {
    const s = summarizeOne(customer, days, o.calibrationEnd, perUnit);
    if (s) out.push(s);
  }
  return out;
}

/** Calibration summaries plus each customer's purchase days in (calibrationEnd, holdoutEnd]. */
export function summarizeWithHoldout(
  log: PurchaseLog,
  o: SummaryOptions & { holdoutEnd: number },
): HoldoutSummary[] {
  if (o.holdoutEnd <= o.calibrationEnd) throw new RangeError('holdout end must be after calibration end');
  const perUnit = DAYS_PER_UNIT[o.unit ?? 'weeks'];
  const out: HoldoutSummary[] = [];
  for (const [customer, days] of log) {
    const s = summarizeOne(customer, days, o.calibrationEnd, perUnit);
    if (!s) continue;
    let n = 0;
    let spend = 0;
    for (const [d, amount] of days)
      if (d > o.calibrationEnd && d <= o.holdoutEnd) {
        n++;
        spend += amount;
      }
    out.push({ ...s, holdoutFrequency: n, holdoutMonetary: n > 0 ? spend / n : 0 });
  }
  return out;
}

/** Length of the period (from, to] in the unit. */
export function periodLength(from: number, to: number, unit: TimeUnit = 'weeks'): number {
  return (to - from) / DAYS_PER_UNIT[unit];
}
