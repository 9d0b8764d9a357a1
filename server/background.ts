import { Worker } from "node:worker_threads";
import type { ScheduleOptions } from "~/notifications/schedule.server";
import type { FiguresMessage } from "./figures-thread";

/** How long shutdown waits for a reminder run in progress before cutting it off (its transactions then roll back). */
const STOP_GRACE_MS = 30_000;

/**
 * Starts the background thread (server/background-thread.ts), so work that
 * takes seconds at 100x the demo never holds the event loop that answers
 * requests (docs/decisions/019-figures-cache.md):
 * - today's figures, recomputed after every change to the data and each new
 *   day, handed to `prime` (the request thread's cache); requests never wait
 *   for them: one that finds nothing cached computes for itself;
 * - the reminders and the email outbox, every few minutes, and the rules
 *   again within seconds of a change (each rule writing in a short
 *   transaction of its own, so saves in the app never wait long on it).
 * Returns a function that stops the thread after a reminder run in progress.
 */
export function startBackground(
  options: ScheduleOptions & { prime: (changes: number, entries: FiguresMessage["entries"]) => number; log: (line: string) => void },
): () => Promise<void> {
  const { prime, log, ...schedule } = options;
  const worker = new Worker(new URL("./background-worker.mjs", import.meta.url), { workerData: schedule });
  let first = true;
  worker.on("message", (message: FiguresMessage) => {
    if (message.type !== "figures") return;
    const added = prime(message.changes, message.entries);
    if (first) log(`Figures as of ${message.day} computed in ${(message.ms / 1000).toFixed(1)} s on the background thread (${added} results cached).`);
    first = false;
  });
  worker.on("error", (error) => console.error(`The background thread stopped: ${error.message}`));
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
