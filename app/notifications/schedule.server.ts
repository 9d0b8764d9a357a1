import { openDatabase } from "#db/connection";
import { type MailConfig, redactSmtpSecret } from "~/mail/config.server";
import { runNotificationCycle } from "./cycle.server";

/** How often the server runs the reminders: often enough that "immediate" feels so, rarely enough to cost nothing. */
export const NOTIFY_INTERVAL_MS = 5 * 60 * 1000;

export type ScheduleOptions = { databasePath: string; mail: MailConfig; origin: string; intervalMs?: number };

/**
 * Runs the reminder cycle every few minutes on its own connection. The
 * database lease inside the cycle keeps instances from overlapping; a run
 * that fails is logged (SMTP password cut out) and the next one tries again.
 * Returns a function that stops the schedule once a run in progress ends.
 *
 * The server calls this inside a worker thread (server/reminders.ts): at
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
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, options.intervalMs ?? NOTIFY_INTERVAL_MS);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    // Never close the connection under a run: its transactions would be cut off.
    await running;
    db.$client.close();
  };
}
