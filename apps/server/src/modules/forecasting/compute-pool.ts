import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runJob, type JobOutput, type PanelJob } from './compute.ts';

const WORKER = new URL('./compute.worker.ts', import.meta.url);
const MAX_THREADS = 4;

/**
 * Runs panel jobs on worker threads, longest first, as many at once as there are cores (up to four):
 * the models are pure CPU, and off the main thread they neither stall the HTTP server nor leave the
 * second core idle. If a thread cannot start, the jobs run on the calling thread instead.
 */
export async function runJobs(
  jobs: PanelJob[],
  onThreadError?: (err: unknown) => void,
): Promise<JobOutput[]> {
  const order = jobs.map((job, i) => ({ job, i, weight: weightOf(job) })).sort((a, b) => b.weight - a.weight);
  const threads = Math.min(jobs.length, Math.max(1, Math.min(MAX_THREADS, availableParallelism())));
  const out = new Array<JobOutput>(jobs.length);
  let next = 0;
  const lane = async () => {
    let worker: Worker | null = null;
    try {
      worker = new Worker(WORKER);
    } catch (err) {
      onThreadError?.(err);
    }
    try {
      while (next < order.length) {
        const { job, i } = order[next++]!;
        if (worker)
          try {
            out[i] = await onThread(worker, job, i);
            continue;
          } catch (err) {
            if (err instanceof JobError) throw err;
            // the thread itself failed (it could not load, or died): carry on without it
            onThreadError?.(err);
            await worker.terminate();
            worker = null;
          }
        out[i] = runJob(job);
      }
    } finally {
      await worker?.terminate();
    }
  };
  await Promise.all(Array.from({ length: threads }, lane));
  return out;
}

/** Rough cost: the backtest forecasts twice as many origins as the model choice. */
const weightOf = (job: PanelJob) => job.panel.items.length * (job.kind === 'backtest' ? 2 : 1);

/** A job that threw inside its thread (as it would have on this one). */
class JobError extends Error {}

function onThread(worker: Worker, job: PanelJob, id: number): Promise<JobOutput> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { id: number; ok: boolean; output?: JobOutput; error?: string }) => {
      if (msg.id !== id) return;
      cleanup();
      if (msg.ok) resolve(msg.output!);
      else reject(new JobError(`forecast job ${job.kind} ${job.key || '(all)'} failed: ${msg.error}`));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id, job });
  });
}
