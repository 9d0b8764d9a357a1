import { Worker } from "node:worker_threads";
import type { ScheduleOptions } from "~/notifications/schedule.server";
import type { FiguresMessage } from "./figures-thread";

/** How long shutdown waits for a reminder run in progress before cutting it off (its transactions then roll back). */
const STOP_GRACE_MS = 30_000;

/**
 * The thread's own heap bound. Without one V8 lets a thread's heap grow to
 * several times what it holds before collecting (230 MiB of garbage at 100x
 * on a 23 MiB live set); computing today's figures at 100x needs under 128
 * (docs/decisions/022-memory-bound.md).
 */
export const BACKGROUND_HEAP_MB = 192;

/** A thread that stopped (out of memory, or an error nothing caught) starts again after this, doubling to RESTART_MAX_MS. */
const RESTART_FIRST_MS = 5_000;
const RESTART_MAX_MS = 10 * 60_000;

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
  options: ScheduleOptions & {
    prime: (changes: number, entries: FiguresMessage["entries"]) => number;
    log: (line: string) => void;
    /** Tests: another thread script, and a shorter first wait before a restart. */
    script?: URL;
    restartFirstMs?: number;
  },
): () => Promise<void> {
  const { prime, log, script = new URL("./background-worker.mjs", import.meta.url), restartFirstMs = RESTART_FIRST_MS, ...schedule } = options;
  let worker: Worker;
  let first = true;
  let stopping = false;
  let alive = false;
  let nextDelay = restartFirstMs;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = () => {
    const started = Date.now();
    alive = true;
    worker = new Worker(script, {
      workerData: schedule,
      resourceLimits: { maxOldGenerationSizeMb: BACKGROUND_HEAP_MB },
    });
    worker.on("message", (message: FiguresMessage) => {
      if (message.type !== "figures") return;
      const added = prime(message.changes, message.entries);
      if (first) log(`Figures as of ${message.day} computed in ${(message.ms / 1000).toFixed(1)} s on the background thread (${added} results cached).`);
      first = false;
    });
    worker.on("error", (error) => console.error(`The background thread stopped: ${error.message}`));
    // Until it runs again, requests compute the figures they miss themselves and reminders wait (the outbox keeps them).
    worker.on("exit", () => {
      alive = false;
      if (stopping) return;
      // A thread that ran for a while before it stopped starts again soon; one that keeps stopping, less and less often.
      const delay = Date.now() - started > RESTART_MAX_MS ? restartFirstMs : nextDelay;
      nextDelay = Math.min(delay * 2, RESTART_MAX_MS);
      console.error(`The background thread starts again in ${Math.round(delay / 1000)} s.`);
      restartTimer = setTimeout(start, delay);
      restartTimer.unref();
    });
    worker.unref();
  };
  start();

  return () =>
    new Promise<void>((resolve) => {
      stopping = true;
      clearTimeout(restartTimer);
      if (!alive) return resolve();
      const cutOff = setTimeout(() => void worker.terminate().then(() => resolve()), STOP_GRACE_MS);
      worker.once("exit", () => {
        clearTimeout(cutOff);
        resolve();
      });
      worker.postMessage("stop");
    });
}
