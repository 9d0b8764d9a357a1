/**
 * On the background thread: verifies the audit chain from its checkpoint
 * (decision 015) every few seconds, so events written since are checked soon
 * and a fresh database's million events are walked here rather than on the
 * request thread (`/admin/audit` then only verifies a bounded number per view).
 */
import { verifyFromCheckpoint } from "~/audit/checkpoint.server";
import { getDb } from "~/db-connection.server";

const EVERY_MS = 5_000;

/** Starts the walk; returns a function that stops it once a walk in progress ends. */
export function startAuditVerification(): () => Promise<void> {
  let running: Promise<void> | null = null;
  let caughtUp = false;
  const started = performance.now();
  const walk = () => {
    running ??= verifyFromCheckpoint(getDb())
      .then((status) => {
        // Said once, when the walk first reaches the newest event (or a break): after a restore or on a fresh
        // 1,000,000-event trail that takes about half a minute, and the bench waits for it (scripts/bench/server.ts).
        if (caughtUp || (status.pending > 0 && status.verdict.ok)) return;
        caughtUp = true;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          status.verdict.ok
            ? `Audit chain verified through event ${status.verifiedThroughId} (${status.verdict.count} ${status.verdict.count === 1 ? "event" : "events"}) in ${seconds} s on the background thread.`
            : `Audit chain broken at event ${status.verdict.brokenId}: ${status.verdict.reason} (found in ${seconds} s on the background thread).`,
        );
      })
      .catch((error: unknown) => console.error(`Audit verification failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  walk();
  const timer = setInterval(walk, EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
