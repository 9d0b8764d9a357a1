import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { notificationPreferences, notifications, users } from "#db/schema";
import { digestEmail } from "~/mail/reminder-email";
import { enqueueEmail } from "~/mail/outbox.server";
import { programmeTimeZone } from "~/time/today.server";
import { dayIn } from "~/time/zone";
import { DEFAULT_EMAIL_MODE } from "./preferences.server";

/** Digests go out from this hour of the recipient's own morning. */
export const DIGEST_HOUR = 7;

function localClock(now: Date, zone: string): { day: string; hour: number; weekday: string } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23", weekday: "short" }).formatToParts(now);
  return {
    day: dayIn(now, zone),
    hour: Number(parts.find((p) => p.type === "hour")?.value ?? 0),
    weekday: parts.find((p) => p.type === "weekday")?.value ?? "",
  };
}

/** Whether a daily or weekly digest is due now in the user's zone: after DIGEST_HOUR, once a day, weekly on Mondays (or after a missed week). */
export function digestDue(mode: "daily" | "weekly", lastDigestAt: string | null, now: Date, zone: string): boolean {
  const clock = localClock(now, zone);
  if (clock.hour < DIGEST_HOUR) return false;
  const lastDay = lastDigestAt ? dayIn(lastDigestAt, zone) : "";
  if (lastDay >= clock.day) return false;
  if (mode === "daily") return true;
  const weekAgo = dayIn(new Date(now.getTime() - 7 * 86_400_000), zone);
  return clock.weekday === "Mon" || lastDay <= weekAgo;
}

export type QueuedDigest = { userId: number; name: string; email: string; items: number; overdue: number; localDay: string };

/**
 * Queues the digests due now (or every one, `force`, for catching up after
 * downtime): each lists the user's open reminders, overdue first, dated in
 * their zone. A digest goes only when something in it was notified since
 * the last one, so a forced run twice in a row sends nothing the second time.
 */
export function queueDigests(db: Db, options: { now?: Date; force?: boolean; email: boolean; origin: string }): QueuedDigest[] {
  if (!options.email) return [];
  const now = options.now ?? new Date();
  const programmeZone = programmeTimeZone(db);
  return db.transaction((tx) => {
    const people = tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        mode: sql<string>`coalesce(${notificationPreferences.emailMode}, ${DEFAULT_EMAIL_MODE})`,
        zone: notificationPreferences.timeZone,
        lastDigestAt: notificationPreferences.lastDigestAt,
      })
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(eq(users.active, true))
      .all();
    const queued: QueuedDigest[] = [];
    for (const p of people) {
      if (p.mode !== "daily" && p.mode !== "weekly") continue;
      const zone = p.zone ?? programmeZone;
      if (!options.force && !digestDue(p.mode, p.lastDigestAt, now, zone)) continue;
      const open = tx
        .select({
          title: notifications.title,
          link: notifications.link,
          urgency: notifications.urgency,
          dueDate: notifications.dueDate,
          last: notifications.lastNotifiedAt,
        })
        .from(notifications)
        .where(and(eq(notifications.userId, p.id), isNull(notifications.resolvedAt), isNull(notifications.dismissedAt)))
        .orderBy(
          sql`case ${notifications.urgency} when 'overdue' then 0 else 1 end`,
          asc(sql`coalesce(${notifications.dueDate}, '9999-12-31')`),
          asc(notifications.id),
        )
        .all();
      if (!open.some((n) => p.lastDigestAt === null || n.last > p.lastDigestAt)) continue;
      const localDay = dayIn(now, zone);
      enqueueEmail(tx, { kind: "digest", userId: p.id, to: p.email, ...digestEmail(options.origin, p, open, localDay, p.mode) }, now);
      const stamp = { lastDigestAt: now.toISOString() };
      tx.insert(notificationPreferences)
        .values({ userId: p.id, emailMode: DEFAULT_EMAIL_MODE, ...stamp })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: stamp })
        .run();
      queued.push({ userId: p.id, name: p.name, email: p.email, items: open.length, overdue: open.filter((o) => o.urgency === "overdue").length, localDay });
    }
    return queued;
  });
}
