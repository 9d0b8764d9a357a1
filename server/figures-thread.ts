/**
 * On the background thread: every second, if the data or the day changed
 * since the last run, computes today's most read figures on this thread's
 * own connection and hands them, with the change count they were computed
 * at, to `post` (the request thread's cache). A run during which the data
 * changed is thrown away and done again: its reads may straddle the change.
 */
import { getDb } from "~/db-connection.server";
import { warmSteps } from "~/deployment/warm-figures.server";
import { type FigureEntries, figureByName, figuresChanges, forgetFigures, recordFigures } from "~/figures/memo.server";
import { todayIso } from "~/time/today.server";

const POLL_MS = 1_000;

/** One step's figures; `final` on the last step of a run, with the run's time. */
export type FiguresMessage = { type: "figures"; changes: number; day: string; ms: number; entries: FigureEntries; final: boolean };

/** A request thread's loader asks for a figure it did not find cached (app/figures/off-thread.server.ts). */
export type OffloadRequest = { type: "offload"; id: number; name: string; args: unknown[] };
export type OffloadedMessage = { type: "offloaded"; id: number; changes: number; entries: FigureEntries; error?: string };

/**
 * Computes one memoized figure by name on this thread's connection and
 * returns it with every memoized figure it read, at the change count it
 * started from (the request thread drops them if the data moved since).
 */
export function computeOffloaded(request: OffloadRequest): OffloadedMessage {
  const db = getDb();
  const figure = figureByName(request.name);
  if (!figure) return { type: "offloaded", id: request.id, changes: -1, entries: [], error: `no figure named ${request.name} on the background thread` };
  const changes = figuresChanges(db.$client);
  try {
    const { entries } = recordFigures(() => figure(db, ...request.args));
    return { type: "offloaded", id: request.id, changes, entries };
  } catch (error) {
    return { type: "offloaded", id: request.id, changes, entries: [], error: error instanceof Error ? error.message : String(error) };
  } finally {
    // Kept by the request thread, not here: this thread's heap stays small (docs/decisions/022-memory-bound.md).
    forgetFigures(db);
  }
}

/** Starts the loop; returns a function that stops it and closes its connection. */
export function startFiguresLoop(post: (message: FiguresMessage) => void): () => void {
  let done = "";
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => {
    const db = getDb();
    const changes = figuresChanges(db.$client);
    const state = `${changes} ${todayIso(db)}`;
    if (state === done) return;
    const day = todayIso(db);
    const started = performance.now();
    const steps = warmSteps(db, day);
    try {
      for (const [i, step] of steps.entries()) {
        const { entries } = recordFigures(step);
        if (figuresChanges(db.$client) !== changes) return;
        post({ type: "figures", changes, day, ms: performance.now() - started, entries, final: i === steps.length - 1 });
      }
    } finally {
      forgetFigures(db);
    }
    done = state;
  };
  const loop = () => {
    if (stopping) return;
    try {
      runOnce();
    } catch (error) {
      console.error(`Figures thread: ${error instanceof Error ? error.message : String(error)}`);
    }
    timer = setTimeout(loop, POLL_MS);
  };
  loop();
  return () => {
    stopping = true;
    clearTimeout(timer);
    getDb().$client.close();
  };
}
