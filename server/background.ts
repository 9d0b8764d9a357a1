import { Worker } from "node:worker_threads";
import type { ScheduleOptions } from "~/notifications/schedule.server";
import type { FiguresMessage, OffloadedMessage } from "./figures-thread";

/** How long shutdown waits for a reminder run in progress before cutting it off (its transactions then roll back). */
const STOP_GRACE_MS = 30_000;

/**
 * The thread's own heap bound. Without one V8 lets a thread's heap grow to
 * several times what it holds before collecting (230 MiB of garbage at 100x
 * on a 23 MiB live set); computing today's figures at 100x needs under 128
 * (docs/decisions/022-memory-bound.md).
 */
export const BACKGROUND_HEAP_MB = 192;

/** A loader waits this long for a figure it asked the thread for, then computes it itself. */
const OFFLOAD_TIMEOUT_MS = 30_000;

export type Background = {
  /** Stops the thread after a reminder run in progress. */
  stop: () => Promise<void>;
  /** Computes a memoized figure on the thread and primes this thread's cache with it (app/figures/off-thread.server.ts). */
  offload: (name: string, args: unknown[]) => Promise<void>;
};

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
 * - the figures a request's loader asks for, when it did not find them
 *   cached: the loader waits, but the request thread answers others meanwhile.
 */
export function startBackground(
  options: ScheduleOptions & {
    prime: (changes: number, entries: FiguresMessage["entries"]) => number;
    log: (line: string) => void;
    /** Tests: another thread script, and a shorter first wait before a restart. */
    script?: URL;
    restartFirstMs?: number;
  },
): Background {
  const { prime, log, script = new URL("./background-worker.mjs", import.meta.url), restartFirstMs = RESTART_FIRST_MS, ...schedule } = options;
  let worker: Worker;
  let first = true;
  let added = 0;
  let stopping = false;
  let alive = false;
  let nextDelay = restartFirstMs;
  let restartTimer: NodeJS.Timeout | undefined;
  let nextRequest = 1;
  const waiting = new Map<number, (reply?: OffloadedMessage) => void>();
  const inFlight = new Map<string, Promise<void>>();
  // By figure key: a request is answered early when today's figures, recomputed after a change, bring its figure along.
  const finishers = new Map<string, () => void>();

  const start = () => {
    const started = Date.now();
    alive = true;
    worker = new Worker(script, {
      workerData: schedule,
      resourceLimits: { maxOldGenerationSizeMb: BACKGROUND_HEAP_MB },
    });
    worker.on("message", (message: FiguresMessage | OffloadedMessage) => {
      if (message.type === "offloaded") return waiting.get(message.id)?.(message);
      if (message.type !== "figures") return;
      added += prime(message.changes, message.entries);
      const brought = new Set(message.entries.map(([key]) => key));
      for (const [key, finish] of [...finishers]) if (brought.has(key)) finish();
      if (!message.final) return;
      if (first) log(`Figures as of ${message.day} computed in ${(message.ms / 1000).toFixed(1)} s on the background thread (${added} results cached).`);
      first = false;
      added = 0;
    });
    worker.on("error", (error) => console.error(`The background thread stopped: ${error.message}`));
    // Until it runs again, requests compute the figures they miss themselves and reminders wait (the outbox keeps them).
    worker.on("exit", () => {
      alive = false;
      // Loaders waiting on the thread compute their figures themselves.
      for (const finish of [...waiting.values()]) finish();
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

  const offload = (name: string, args: unknown[]): Promise<void> => {
    const key = `${name}:${JSON.stringify(args)}`;
    const running = inFlight.get(key);
    if (running) return running;
    if (!alive || stopping) return Promise.resolve();
    const asked = new Promise<void>((resolve) => {
      const id = nextRequest++;
      const finish = (reply?: OffloadedMessage) => {
        clearTimeout(timer);
        waiting.delete(id);
        inFlight.delete(key);
        finishers.delete(key);
        if (reply?.error) console.error(`The background thread could not compute ${name}: ${reply.error}`);
        else if (reply) prime(reply.changes, reply.entries);
        resolve();
      };
      const timer = setTimeout(finish, OFFLOAD_TIMEOUT_MS);
      timer.unref();
      waiting.set(id, finish);
      finishers.set(key, () => finish());
      worker.postMessage({ type: "offload", id, name, args });
    });
    inFlight.set(key, asked);
    return asked;
  };

  const stop = () =>
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
  return { stop, offload };
}
