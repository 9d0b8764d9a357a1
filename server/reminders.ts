import { Worker } from "node:worker_threads";
import type { ScheduleOptions } from "~/notifications/schedule.server";

/** How long shutdown waits for a reminder run in progress before cutting it off (its transactions then roll back). */
const STOP_GRACE_MS = 30_000;

/**
 * Starts the reminders and the email outbox on a worker thread of their own,
 * with their own database connection, so a run (seconds at 100x the demo)
 * never holds the event loop that answers requests. Each rule writes in a
 * short transaction of its own, so saves in the app never wait long on it.
 * Returns a function that stops the schedule after a run in progress.
 */
export function startReminders(options: ScheduleOptions): () => Promise<void> {
  const worker = new Worker(new URL("./reminders-worker.mjs", import.meta.url), { workerData: options });
  worker.on("error", (error) => console.error(`The reminders' thread stopped: ${error.message}`));
  worker.unref();
  return () =>
    new Promise<void>((resolve) => {
      const cutOff = setTimeout(() => void worker.terminate().then(() => resolve()), STOP_GRACE_MS);
      worker.once("exit", () => {
        clearTimeout(cutOff);
        resolve();
      });
      worker.postMessage("stop");
    });
}
