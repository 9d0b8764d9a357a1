import { and, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { notificationPreferences } from "#db/schema";
import type { EmailMode } from "#db/schema/notifications";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { programmeTimeZone } from "~/time/today.server";
import { VersionConflictError } from "~/utils/concurrency.server";

/** Until a user chooses, reminders come as a daily digest in the programme's time zone. */
export const DEFAULT_EMAIL_MODE: EmailMode = "daily";

export type Preferences = { emailMode: EmailMode; timeZone: string | null; version: number };

export function getPreferences(db: Pick<Db, "select">, userId: number): Preferences {
  const row = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get();
  return row ? { emailMode: row.emailMode, timeZone: row.timeZone, version: row.version } : { emailMode: DEFAULT_EMAIL_MODE, timeZone: null, version: 0 };
}

/** The zone a user's digests are dated in: their own, else the programme's. */
export function zoneOf(db: Pick<Db, "select">, prefs: { timeZone: string | null }): string {
  return prefs.timeZone ?? programmeTimeZone(db);
}

/** Saves a user's email preference and time zone against the version their form showed, audited. */
export function savePreferences(db: Db, ctx: AuditContext, userId: number, input: { emailMode: EmailMode; timeZone: string | null; version: number }) {
  db.transaction((tx) => {
    const before = getPreferences(tx, userId);
    if (before.version !== input.version) throw new VersionConflictError("notification_preferences", { ...before, userId });
    const now = new Date().toISOString();
    const changes =
      before.version === 0
        ? tx
            .insert(notificationPreferences)
            .values({ userId, emailMode: input.emailMode, timeZone: input.timeZone, updatedAt: now })
            .onConflictDoNothing()
            .run().changes
        : tx
            .update(notificationPreferences)
            .set({ emailMode: input.emailMode, timeZone: input.timeZone, updatedAt: now, version: before.version + 1 })
            .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.version, before.version)))
            .run().changes;
    if (changes !== 1) throw new VersionConflictError("notification_preferences", { ...getPreferences(tx, userId), userId });
    writeAudit(tx, ctx, {
      action: "notification_preferences.update",
      entity: "user",
      entityId: userId,
      before: { emailMode: before.emailMode, timeZone: before.timeZone },
      after: { emailMode: input.emailMode, timeZone: input.timeZone },
    });
  });
}
