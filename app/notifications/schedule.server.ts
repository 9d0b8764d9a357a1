import { openDatabase } from "#db/connection";
import { type MailConfig, redactSmtpSecret } from "~/mail/config.server";
import { figuresChanges } from "~/figures/memo.server";
import { refreshReminders } from "./centre.server";
import { runNotificationCycle } from "./cycle.server";

/** How often the server runs the reminders: often enough that "immediate" feels so, rarely enough to cost nothing. */
export const NOTIFY_INTERVAL_MS = 5 * 60 * 1000;

/**
 * How often the thread looks whether the programme's data changed (the
 * figures' change count), to bring the reminders up to date within seconds of
 * a report submitted or a milestone done, without running them on a request.
 */
export const CHANGE_POLL_MS = 2_000;

export type ScheduleOptions = { databasePath: string; mail: MailConfig; origin: string; intervalMs?: number; changePollMs?: number };

/**
 * Runs the reminder cycle every few minutes on its own connection. The
 * database lease inside the cycle keeps instances from overlapping; a run
 * that fails is logged (SMTP password cut out) and the next one tries again.
 * Between runs it re-runs the rules whenever the programme's data changed,
 * so the notification centre is current within seconds (CHANGE_POLL_MS).
 * Returns a function that stops the schedule once a run in progress ends.
 *
 * The server calls this on its background thread (server/background.ts): at
 * 100x the demo one run reads for seconds, which on the request thread
 * would stall every page meanwhile.
 */
export function startNotificationSchedule(options: ScheduleOptions): () => Promise<void> {
  const db = openDatabase(options.databasePath);
  let running: Promise<void> | null = null;
  const run = async () => {
    try {
      const report = await runNotificationCycle(db, { mail: options.mail, origin: options.origin });
      if (report) {
        const fresh = report.rules.items.filter((i) => i.change !== "unchanged").length;
        console.log(
          JSON.stringify({
            event: "notifications.run",
            open: report.rules.items.length,
            notified: fresh,
            resolved: report.rules.resolved,
            digests: report.digests.length,
            sent: report.delivery?.sent.length ?? 0,
            retried: report.delivery?.retried ?? 0,
            failed: report.delivery?.failed ?? 0,
          }),
        );
      }
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`Reminder run failed: ${redactSmtpSecret(text, options.mail.enabled ? options.mail.url : undefined)}`);
    }
  };
  const tick = () => {
    running ??= run().finally(() => {
      running = null;
    });
  };
  let seen = figuresChanges(db.$client);
  const watch = setInterval(() => {
    if (running) return;
    const changes = figuresChanges(db.$client);
    if (changes === seen) return;
    seen = changes;
    // The rules only: what they queue is mailed by the next scheduled run.
    running = Promise.resolve()
      .then(() => refreshReminders(db))
      .catch((error: unknown) => console.error(`Reminder refresh failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  }, options.changePollMs ?? CHANGE_POLL_MS);
  watch.unref();
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, options.intervalMs ?? NOTIFY_INTERVAL_MS);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    clearInterval(watch);
    // Never close the connection under a run: its transactions would be cut off.
    await running;
    db.$client.close();
  };
}
