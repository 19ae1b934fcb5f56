/** Worker-thread entry for a backtest lab run: the CLI's backtest, with progress sent back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest, type BacktestCliOptions } from './forecast.cli.ts';

const options = workerData as Omit<BacktestCliOptions, 'onProgress'>;
runBacktest({
  ...options,
  onProgress: (done, total) => parentPort!.postMessage({ kind: 'progress', done, total }),
}).then(
  (summary) => parentPort!.postMessage({ kind: 'done', summary }),
  (err: unknown) => parentPort!.postMessage({ kind: 'failed', error: (err as Error).message ?? String(err) }),
);
