/**
 * `linli clv fit`: reads a transactions CSV (customer_id, date, amount; other columns ignored),
 * streaming, and fits the BG/NBD purchase model and the Gamma-Gamma spend model on the calibration
 * period, in weeks; with a holdout end it also compares the forecast with what happened. No database.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  addPurchase,
  classifierQuality,
  fitBgNbd,
  fitGammaGamma,
  holdoutValidation,
  parseDay,
  periodLength,
  probabilityNoPurchase,
  spendSample,
  summarize,
  summarizeWithHoldout,
  type BgNbdParams,
  type ClassifierQuality,
  type HoldoutSummary,
  type PurchaseLog,
} from '@linli/intelligence';
import { AppError } from '../../platform/errors.ts';
import { CHURN_THRESHOLD } from './values-validation.ts';

const REQUIRED = ['customer_id', 'date', 'amount'] as const;
type Column = (typeof REQUIRED)[number];

const invalid = (message: string) => new AppError('invalid', 'clv.invalid_input', message);

/**
 * Purchase days per customer from CSV text. Errors name the file, the row (the header is row 1, as in the imports) and the field; headers
 * match ignoring case and surrounding spaces.
 */
export async function readTransactions(input: Readable, name: string): Promise<PurchaseLog> {
  const log: PurchaseLog = new Map();
  let index: Record<Column, number> | null = null;
  const parser = input.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  // a pipe does not pass on the source's errors (a missing file, say): end the loop with them
  input.once('error', (e: Error) => parser.destroy(invalid(`${name}: ${e.message}`)));
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!index) {
      const header = record.map((h) => h.trim().toLowerCase());
      const missing = REQUIRED.filter((c) => !header.includes(c));
      if (missing.length)
        throw invalid(
          `${name}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (found: ${header.join(', ')})`,
        );
      index = {
        customer_id: header.indexOf('customer_id'),
        date: header.indexOf('date'),
        amount: header.indexOf('amount'),
      };
      continue;
    }
    const at = (field: Column, why: string) => invalid(`${name} row ${info.lines}, field "${field}": ${why}`);
    const customer = (record[index.customer_id] ?? '').trim();
    if (!customer) throw at('customer_id', 'empty');
    const rawDate = (record[index.date] ?? '').trim();
    const day = parseDay(rawDate);
    if (day === null) throw at('date', `"${rawDate}" is not a date (YYYY-MM-DD)`);
    const rawAmount = (record[index.amount] ?? '').trim();
    const amount = Number(rawAmount);
    if (rawAmount === '' || !Number.isFinite(amount)) throw at('amount', `"${rawAmount}" is not a number`);
    if (amount < 0) throw at('amount', `${rawAmount} is negative`);
    addPurchase(log, customer, day, amount);
  }
  if (!index) throw invalid(`${name}: empty file (expected a header with ${REQUIRED.join(', ')})`);
  return log;
}

export interface ClvFitOptions {
  calibrationEnd: string;
  holdoutEnd?: string;
}

function day(option: string, value: string): number {
  const d = parseDay(value);
  if (d === null) throw invalid(`--${option}: "${value}" is not a date (YYYY-MM-DD)`);
  return d;
}

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

export interface ClvFitResult {
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma: { p: number; q: number; v: number };
  customers: number;
  /** With a holdout end: purchase days expected against those that happened, in all and per bucket. */
  holdout?: {
    weeks: number;
    predicted: number;
    actual: number;
    /** Per number of repeat purchases in calibration (`0` … `7+`): mean predicted and actual. */
    buckets: Array<{ frequency: string; customers: number; meanPredicted: number; meanActual: number }>;
    /** churn risk (P(no purchase in the holdout)) against who actually bought nothing in it */
    churn: ClassifierQuality;
  };
}

/** Fits both models (and the holdout comparison) on a purchase log, in weeks: the `--json` answer. */
export function fitClv(log: PurchaseLog, o: ClvFitOptions): ClvFitResult {
  const calibrationEnd = day('calibration-end', o.calibrationEnd);
  const holdoutEnd = o.holdoutEnd === undefined ? null : day('holdout-end', o.holdoutEnd);
  if (holdoutEnd !== null && holdoutEnd <= calibrationEnd)
    throw invalid('--holdout-end must be after --calibration-end');
  const withHoldout = holdoutEnd === null ? null : summarizeWithHoldout(log, { calibrationEnd, holdoutEnd });
  const data = withHoldout ?? summarize(log, { calibrationEnd });
  if (data.length === 0) throw invalid(`no purchases on or before ${o.calibrationEnd}`);
  const bg = fitBgNbd(data);
  const spenders = spendSample(data);
  if (spenders.length === 0)
    throw invalid('no customer with a repeat purchase: the spend model cannot be fitted');
  const gg = fitGammaGamma(spenders).params;
  const result: ClvFitResult = {
    bgnbd: {
      r: round(bg.params.r),
      alpha: round(bg.params.alpha),
      a: round(bg.params.a),
      b: round(bg.params.b),
      logLikelihood: round(bg.logLikelihood, 8),
    },
    gammaGamma: { p: round(gg.p), q: round(gg.q), v: round(gg.v) },
    customers: data.length,
  };
  if (withHoldout && holdoutEnd !== null) {
    const h = holdoutValidation(bg.params, withHoldout, periodLength(calibrationEnd, holdoutEnd));
    result.holdout = {
      weeks: round(h.duration),
      predicted: round(h.totalPredicted),
      actual: h.totalActual,
      buckets: h.buckets.map((b) => ({
        frequency: b.bucket,
        customers: b.customers,
        meanPredicted: round(b.meanPredicted),
        meanActual: round(b.meanActual),
      })),
      churn: churnQuality(bg.params, withHoldout, h.duration),
    };
  }
  return result;
}

/** The command: reads the file, fits, prints JSON or a short text report. */
export async function runClvFit(o: ClvFitOptions & { transactions: string; json?: boolean }): Promise<void> {
  const r = fitClv(await readTransactions(createReadStream(o.transactions), o.transactions), o);
  if (o.json) {
    console.log(JSON.stringify(r));
    return;
  }
  const f = (x: number, d = 4) => x.toFixed(d);
  const { bgnbd: bg, gammaGamma: gg } = r;
  console.log(`customers: ${r.customers} (calibration to ${o.calibrationEnd}, times in weeks)`);
  console.log(
    `BG/NBD: r ${f(bg.r)}, alpha ${f(bg.alpha)}, a ${f(bg.a)}, b ${f(bg.b)}, log-likelihood ${f(bg.logLikelihood, 2)}`,
  );
  console.log(`Gamma-Gamma: p ${f(gg.p)}, q ${f(gg.q)}, v ${f(gg.v)}`);
  if (!r.holdout) return;
  const h = r.holdout;
  console.log(
    `holdout, ${f(h.weeks, 1)} weeks to ${o.holdoutEnd}: ${f(h.predicted, 1)} purchase days predicted, ${h.actual} actual`,
  );
  console.log('repeat purchases in calibration  customers  mean predicted  mean actual');
  for (const b of h.buckets)
    console.log(
      [
        b.frequency.padStart(31),
        String(b.customers).padStart(9),
        f(b.meanPredicted, 3).padStart(14),
        f(b.meanActual, 3).padStart(11),
      ].join('  '),
    );
}

/** How well P(no purchase in the holdout) picks the customers who then bought nothing. */
function churnQuality(params: BgNbdParams, data: readonly HoldoutSummary[], weeks: number) {
  const q = classifierQuality(
    data.map((d) => probabilityNoPurchase(params, d, weeks)),
    data.map((d) => d.holdoutFrequency === 0),
    CHURN_THRESHOLD,
  );
  return {
    ...q,
    precision: round(q.precision),
    recall: round(q.recall),
    auc: round(q.auc),
    baseRate: round(q.baseRate),
  };
}
