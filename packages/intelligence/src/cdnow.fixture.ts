/**
 * The CDNOW reference data for the tests (read-only, from the shared data folder next to the
 * repository). Test-only: not exported from the package, which itself does no IO.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDay, purchaseLog, type PurchaseLog } from './summary.ts';

const DIR = fileURLToPath(new URL('../../../../shared/data/clv/', import.meta.url));
export const SAMPLE_TRANSACTIONS = `${DIR}cdnow_sample_transactions.csv`;
export const LIFETIMES_SUMMARY = `${DIR}cdnow_customers_summary.lifetimes.csv`;
export const hasCdnow = existsSync(SAMPLE_TRANSACTIONS) && existsSync(LIFETIMES_SUMMARY);

export const CALIBRATION_END = parseDay('1997-09-30')!;
export const HOLDOUT_END = parseDay('1998-06-30')!;

function csv(file: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

/** The 2,357-customer sample keyed by `sample_id`, the ID of the lifetimes summary. */
export function samplePurchases(): PurchaseLog {
  return purchaseLog(
    csv(SAMPLE_TRANSACTIONS).map((r) => ({
      customer: r.sample_id!,
      day: parseDay(r.date!)!,
      amount: Number(r.amount),
    })),
  );
}

export function lifetimesSummary(): Array<{ id: string; frequency: number; recency: number; T: number }> {
  return csv(LIFETIMES_SUMMARY).map((r) => ({
    id: r.ID!,
    frequency: Number(r.frequency),
    recency: Number(r.recency),
    T: Number(r.T),
  }));
}
