/** Worker-thread entry: runs the panel jobs it is sent, one at a time, and answers each. */
import { parentPort } from 'node:worker_threads';
import { runJob, type PanelJob } from './compute.ts';

parentPort?.on('message', (msg: { id: number; job: PanelJob }) => {
  try {
    parentPort!.postMessage({ id: msg.id, ok: true, output: runJob(msg.job) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: (err as Error).stack ?? String(err) });
  }
});
