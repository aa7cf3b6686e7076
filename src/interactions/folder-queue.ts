/**
 * Updates to one interactions folder's shared files (status.json, README.md, the ledger) run one at a
 * time within this process, so two analyses of one input never interleave a read and a write.
 */
const queues = new Map<string, Promise<unknown>>();

export function inFolderQueue<T>(folder: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(folder) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(folder, settled);
  // The map holds only folders with work in flight.
  void settled.then(() => {
    if (queues.get(folder) === settled) queues.delete(folder);
  });
  return run;
}
