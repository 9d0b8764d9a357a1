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
  const walk = () => {
    running ??= verifyFromCheckpoint(getDb())
      .then(() => undefined)
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
