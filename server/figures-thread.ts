/**
 * Inside the figures' worker thread: every second, if the data or the day
 * changed since the last run, computes today's most read figures on this
 * thread's own connection and posts them, with the change count they were
 * computed at, to the request thread. A run during which the data changed
 * is thrown away and done again: its reads may straddle the change.
 */
import { parentPort } from "node:worker_threads";
import { getDb } from "~/db-connection.server";
import { warmFigures } from "~/deployment/warm-figures.server";
import { figuresChanges, forgetFigures, recordFigures } from "~/figures/memo.server";
import { todayIso } from "~/time/today.server";

const POLL_MS = 1_000;
let done = "";
let stopping = false;

function runOnce(): void {
  const db = getDb();
  const changes = figuresChanges(db.$client);
  const state = `${changes} ${todayIso(db)}`;
  if (state === done) return;
  const { result, entries } = recordFigures(() => warmFigures(db));
  forgetFigures(db);
  if (figuresChanges(db.$client) !== changes) return;
  parentPort?.postMessage({ changes, day: result.day, ms: result.ms, entries });
  done = state;
}

function loop(): void {
  if (stopping) return;
  try {
    runOnce();
  } catch (error) {
    console.error(`Figures thread: ${error instanceof Error ? error.message : String(error)}`);
  }
  setTimeout(loop, POLL_MS);
}

parentPort?.on("message", (message) => {
  if (message !== "stop") return;
  stopping = true;
  getDb().$client.close();
  parentPort?.close();
});
loop();
