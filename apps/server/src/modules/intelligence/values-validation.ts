import {
  classifierQuality,
  cumulativeRepeatPurchases,
  fitBgNbd,
  holdoutValidation,
  periodLength,
  probabilityNoPurchase,
  summarizeWithHoldout,
  type PurchaseLog,
} from '@linli/intelligence';

/** Churn risk = P(no order in the next 90 days); at or above this a member is flagged. */
export const CHURN_HORIZON_DAYS = 90;
export const CHURN_THRESHOLD = 0.5;

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Refits BG/NBD on all but the last stretch of history and compares its forecast with what
 * happened since: repeat purchases in all and per calibration frequency, the cumulative curve
 * week by week, and how well the churn risk picked the members who then bought nothing. The
 * held-out stretch is a third of the history, at most 90 days; null when there is too little.
 */
export function validateOnHoldout(log: PurchaseLog, endDay: number) {
  let firstDay = Infinity;
  for (const days of log.values()) for (const d of days.keys()) firstDay = Math.min(firstDay, d);
  const holdoutDays = Math.min(CHURN_HORIZON_DAYS, Math.floor((endDay - firstDay) / 3));
  if (!Number.isFinite(firstDay) || holdoutDays < 28) return null;
  const calibrationEnd = endDay - holdoutDays;
  const data = summarizeWithHoldout(log, { calibrationEnd, holdoutEnd: endDay });
  if (data.length < 20) return null;
  const bg = fitBgNbd(data);
  const weeks = periodLength(calibrationEnd, endDay);
  const report = holdoutValidation(bg.params, data, weeks);
  const risks = data.map((d) => probabilityNoPurchase(bg.params, d, weeks));
  const churned = data.map((d) => d.holdoutFrequency === 0);
  const q = classifierQuality(risks, churned, CHURN_THRESHOLD);
  return {
    calibrationEnd: isoDay(calibrationEnd),
    holdoutEnd: isoDay(endDay),
    holdoutWeeks: weeks,
    customers: data.length,
    params: bg.params,
    aggregate: {
      predicted: report.totalPredicted,
      actual: report.totalActual,
      errorShare: report.totalActual ? report.totalPredicted / report.totalActual - 1 : 0,
    },
    byFrequency: report.buckets.map((b) => ({
      frequency: b.bucket,
      customers: b.customers,
      predicted: b.meanPredicted * b.customers,
      actual: b.meanActual * b.customers,
    })),
    weekly: cumulativeRepeatPurchases(bg.params, log, calibrationEnd, endDay),
    /** weeks from the cohort's first purchase to the calibration end: where the holdout starts */
    calibrationWeek: (calibrationEnd - firstDay) / 7,
    churn: {
      threshold: q.threshold,
      precision: q.precision,
      recall: q.recall,
      auc: q.auc,
      baseRate: q.baseRate,
      flagged: q.flagged,
    },
  };
}
