import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fitClv, readTransactions, type ClvFitResult } from './clv.cli.ts';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
// the shared data folder next to the repository, read only
const SAMPLE = fileURLToPath(
  new URL('../../../../../../shared/data/clv/cdnow_sample_transactions.csv', import.meta.url),
);

const read = (text: string) => readTransactions(Readable.from([text]), 'tx.csv');

describe('readTransactions', () => {
  it('makes one purchase of several rows on a day and ignores extra columns', async () => {
    const log = await read(
      'Customer_ID,store,date,amount\nc1,s,2024-01-01,10\nc1,t,2024-01-01,5\nc1,s,2024-01-09,2\n',
    );
    expect([...log.get('c1')!.values()]).toEqual([15, 2]);
  });
  it('names a missing column and what was found', async () => {
    await expect(read('customer_id,date\nc1,2024-01-01\n')).rejects.toThrow(
      'tx.csv: missing column "amount" (found: customer_id, date)',
    );
  });
  it('names the row and field of a bad date or amount', async () => {
    await expect(read('customer_id,date,amount\nc1,2024-01-01,3\nc2,2024-02-30,1\n')).rejects.toThrow(
      'tx.csv row 3, field "date": "2024-02-30" is not a date (YYYY-MM-DD)',
    );
    await expect(read('customer_id,date,amount\nc1,2024-01-01,-3\n')).rejects.toThrow(
      'tx.csv row 2, field "amount": -3 is negative',
    );
    await expect(read('customer_id,date,amount\nc1,2024-01-01,abc\n')).rejects.toThrow(
      'tx.csv row 2, field "amount": "abc" is not a number',
    );
  });
  it('checks the period options', async () => {
    const log = await read('customer_id,date,amount\nc1,2024-01-01,3\nc1,2024-01-05,4\n');
    expect(() => fitClv(log, { calibrationEnd: '2024-1-31' })).toThrow('--calibration-end');
    expect(() => fitClv(log, { calibrationEnd: '2024-01-31', holdoutEnd: '2024-01-01' })).toThrow(
      '--holdout-end must be after --calibration-end',
    );
  });
});

describe.skipIf(!existsSync(SAMPLE))('linli clv fit on the CDNOW sample', () => {
  it('prints the published parameters as JSON', { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLI,
      'clv',
      'fit',
      '--transactions',
      SAMPLE,
      '--calibration-end',
      '1997-09-30',
      '--holdout-end',
      '1998-06-30',
      '--json',
    ]);
    const r = JSON.parse(stdout) as ClvFitResult;
    expect(Object.keys(r)).toEqual(['bgnbd', 'gammaGamma', 'customers', 'holdout']);
    expect(r.customers).toBe(2357);
    const near = (got: number, want: number) => expect(Math.abs(got / want - 1)).toBeLessThan(0.01);
    near(r.bgnbd.r, 0.243);
    near(r.bgnbd.alpha, 4.414);
    near(r.bgnbd.a, 0.793);
    near(r.bgnbd.b, 2.426);
    expect(r.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    near(r.gammaGamma.p, 6.25);
    near(r.gammaGamma.q, 3.74);
    near(r.gammaGamma.v, 15.44);
    expect(r.holdout).toMatchObject({ weeks: 39, actual: 1882 });
    expect(r.holdout!.buckets.map((b) => b.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    // churn risk against who bought nothing in the 39 weeks: 1,673 of 2,357 (71 %) did not
    expect(r.holdout!.churn).toMatchObject({ n: 2357, threshold: 0.5 });
    expect(Math.round(r.holdout!.churn.baseRate * 2357)).toBe(1673);
    expect(r.holdout!.churn.auc).toBeCloseTo(0.757, 3);
    expect(r.holdout!.churn.precision).toBeCloseTo(0.781, 3);
    expect(r.holdout!.churn.recall).toBeCloseTo(0.958, 3);
  });
});
