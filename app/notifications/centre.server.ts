import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { notifications } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { mailConfig } from "~/mail/config.server";
import { publicOrigin } from "~/deployment/origin.server";
import { getEnv } from "~/env.server";
import { runRules } from "./engine.server";
import { acquireLease, releaseLease } from "./lease.server";
import { NOTIFY_LEASE } from "./cycle.server";

export const PAGE_SIZE = 25;

/** Open for the user: not resolved (the condition holds) and not dismissed. */
const open = (userId: number) => and(eq(notifications.userId, userId), isNull(notifications.resolvedAt), isNull(notifications.dismissedAt));

export function unreadCount(db: Pick<Db, "select">, userId: number): number {
  return (
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(open(userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/** A page of the user's open reminders: overdue first, then by due date (none last), then oldest first. */
export function listNotifications(db: Pick<Db, "select">, userId: number, page: number) {
  const total = db.select({ n: count() }).from(notifications).where(open(userId)).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const items = db
    .select({
      id: notifications.id,
      title: notifications.title,
      link: notifications.link,
      urgency: notifications.urgency,
      dueDate: notifications.dueDate,
      rule: notifications.rule,
      readAt: notifications.readAt,
      lastNotifiedAt: notifications.lastNotifiedAt,
    })
    .from(notifications)
    .where(open(userId))
    .orderBy(
      sql`case ${notifications.urgency} when 'overdue' then 0 else 1 end`,
      sql`case when ${notifications.dueDate} is null then 1 else 0 end`,
      asc(notifications.dueDate),
      asc(notifications.id),
    )
    .limit(PAGE_SIZE)
    .offset((current - 1) * PAGE_SIZE)
    .all();
  return { items, total, page: current, pages };
}

/** The user's own open reminder (null for anyone else's: ids are not secrets, ownership is checked here). */
export function findOwnNotification(db: Pick<Db, "select">, userId: number, id: number) {
  return (
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), open(userId)))
      .get() ?? null
  );
}

/** Marks one of the user's reminders read (or all of them); audited. Returns how many changed. */
export function markRead(db: Db, ctx: AuditContext, userId: number, id: number | "all"): number {
  return db.transaction((tx) => {
    const now = new Date().toISOString();
    const where = and(open(userId), isNull(notifications.readAt), id === "all" ? undefined : eq(notifications.id, id));
    const changed = tx
      .update(notifications)
      .set({ readAt: now, updatedAt: now, version: sql`${notifications.version} + 1` })
      .where(where)
      .run().changes;
    if (changed)
      writeAudit(tx, ctx, { action: "notification.read", entity: "notification", entityId: id === "all" ? "all" : id, after: { userId, count: changed } });
    return changed;
  });
}

/**
 * Re-runs the rules, so an item whose condition just ended (the report was
 * submitted) is gone: the background thread calls it seconds after any change
 * to the programme's data (schedule.server.ts), never a request (at 100x the
 * demo a run reads for seconds). It takes the scheduler's lease; when a run
 * is already under way that run's result stands. Emails it queues go out
 * with the next scheduled run.
 */
export function refreshReminders(db: Db) {
  const holder = `centre-${process.pid}-${Date.now()}`;
  if (!acquireLease(db, NOTIFY_LEASE, holder, 60_000)) return;
  try {
    runRules(db, { email: mailConfig().enabled, origin: publicOrigin(getEnv()) });
  } finally {
    releaseLease(db, NOTIFY_LEASE, holder);
  }
}
