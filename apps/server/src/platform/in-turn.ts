/**
 * A queue of one: the tasks given to the returned function run one after another in this process,
 * each after the previous one settles (a failure does not stop the queue).
 */
export function inTurn(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = last.catch(() => undefined).then(task);
    last = run;
    return run;
  };
}
