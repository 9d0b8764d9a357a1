import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { notificationPreferences, notifications, users } from "#db/schema";
import type { NotificationUrgency } from "#db/schema/notifications";
import { roleHasPermission } from "~/auth/permissions";
import { enqueueEmail } from "~/mail/outbox.server";
import { reminderEmail } from "~/mail/reminder-email";
import { todayIso } from "~/time/today.server";
import { DEFAULT_EMAIL_MODE } from "./preferences.server";
import type { NotificationRule, RuleItem } from "./rule";
import { ruleSettings } from "./rule-settings.server";
import { RULES } from "./rules/registry.server";

export type Change = "new" | "escalated" | "repeat" | "unchanged";

export type RunItem = {
  rule: string;
  subjectKey: string;
  title: string;
  link: string;
  urgency: NotificationUrgency;
  dueDate: string | null;
  user: { id: number; name: string; email: string; role: string };
  change: Change;
  emailed: boolean;
};

export type RunReport = { today: string; items: RunItem[]; resolved: number; emailsQueued: number };

export type RunOptions = {
  now?: Date;
  today?: string;
  /** Whether SMTP is configured: without it nothing is queued. */
  email: boolean;
  /** Public origin for links in emails. */
  origin: string;
  rules?: NotificationRule[];
};

const DAY_MS = 86_400_000;

type Recipient = { id: number; name: string; email: string; role: Parameters<typeof roleHasPermission>[0]; emailMode: string };

function recipients(tx: Pick<Db, "select">, ids: number[]): Map<number, Recipient> {
  if (!ids.length) return new Map();
  const rows = tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, emailMode: notificationPreferences.emailMode })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, ids), eq(users.active, true)))
    .all();
  return new Map(rows.map((r) => [r.id, { ...r, emailMode: r.emailMode ?? DEFAULT_EMAIL_MODE }]));
}

/** What happens to one (user, rule, subject) this run, given its stored notification. */
function changeFor(existing: typeof notifications.$inferSelect | undefined, item: RuleItem, repeatDays: number, now: Date): Change {
  if (!existing || existing.resolvedAt !== null) return "new";
  if (existing.urgency !== item.urgency) return "escalated";
  if (repeatDays > 0 && Date.parse(existing.lastNotifiedAt) + repeatDays * DAY_MS <= now.getTime()) return "repeat";
  return "unchanged";
}

function upsert(tx: Tx, userId: number, rule: string, item: RuleItem, existing: typeof notifications.$inferSelect | undefined, change: Change, nowIso: string) {
  const fields = { title: item.title, link: item.link, dueDate: item.dueDate, urgency: item.urgency, updatedAt: nowIso };
  if (!existing) {
    tx.insert(notifications)
      .values({ userId, rule, subjectKey: item.subjectKey, ...fields, firstNotifiedAt: nowIso, lastNotifiedAt: nowIso, createdAt: nowIso })
      .run();
    return;
  }
  // A reopened, escalated or repeated reminder is unread again; an unchanged one keeps its read state.
  const renotify =
    change === "new"
      ? { firstNotifiedAt: nowIso, lastNotifiedAt: nowIso, readAt: null, dismissedAt: null, resolvedAt: null }
      : change === "unchanged"
        ? {}
        : { lastNotifiedAt: nowIso, readAt: null, dismissedAt: null };
  tx.update(notifications)
    .set({ ...fields, ...renotify, version: existing.version + 1 })
    .where(eq(notifications.id, existing.id))
    .run();
}

/** Items written per transaction: at 100x a rule's first run records about 11,000, and one transaction for all of them
 * kept every save in the app waiting on the write lock for seconds. */
const WRITE_CHUNK = 500;

type Pair = { item: RuleItem; user: Recipient; key: string };

/** The stored notifications of a rule for these (user, subject) pairs, by "user subject". */
function storedFor(tx: Pick<Db, "select">, rule: string, pairs: Pair[]) {
  const rows = tx
    .select()
    .from(notifications)
    .where(
      and(
        inArray(notifications.userId, [...new Set(pairs.map((p) => p.user.id))]),
        eq(notifications.rule, rule),
        inArray(notifications.subjectKey, [...new Set(pairs.map((p) => p.item.subjectKey))]),
      ),
    )
    .all();
  return new Map(rows.map((n) => [`${n.userId} ${n.subjectKey}`, n]));
}

/** Whether an open reminder already says exactly what the rule found (then nothing is written). */
function sameAsStored(existing: typeof notifications.$inferSelect | undefined, item: RuleItem): boolean {
  return (
    existing !== undefined &&
    existing.title === item.title &&
    existing.link === item.link &&
    existing.dueDate === item.dueDate &&
    existing.urgency === item.urgency
  );
}

/**
 * Runs every enabled rule once: records each item for each recipient whose
 * role may see it, resolves items whose condition has ended (or whose rule
 * was turned off, or whose recipient changed), and queues an email for
 * "immediate" recipients of new, escalated or repeated items. A reminder for
 * something still open is repeated only once its rule's interval has passed,
 * so running twice in a row sends nothing new, and an item that did not
 * change is not written at all. Rules are evaluated outside any write
 * transaction (at 100x the demo they read for seconds); their items are
 * written in short transactions of WRITE_CHUNK each, an item's email in the
 * same transaction as the item. A run cut off half way leaves whole chunks;
 * the next run finds the rest (only one run at a time holds the lease).
 */
export function runRules(db: Db, options: RunOptions): RunReport {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const today = options.today ?? todayIso(db);
  const rules = options.rules ?? RULES;
  const settings = ruleSettings(db);
  const report: RunReport = { today, items: [], resolved: 0, emailsQueued: 0 };
  for (const rule of rules) {
    const setting = settings.get(rule.key) ?? rule.defaults;
    const found = setting.enabled ? rule.evaluate({ db, today, setting }) : [];
    const people = recipients(db, [...new Set(found.flatMap((i) => i.audience))]);
    const pairs: Pair[] = [];
    const active = new Set<string>();
    for (const item of found) {
      for (const userId of item.audience) {
        const user = people.get(userId);
        if (!user || !roleHasPermission(user.role, rule.visibleWith)) continue;
        const key = `${userId} ${item.subjectKey}`;
        if (active.has(key)) continue;
        active.add(key);
        pairs.push({ item, user, key });
      }
    }
    for (let i = 0; i < pairs.length; i += WRITE_CHUNK) {
      const chunk = pairs.slice(i, i + WRITE_CHUNK);
      db.transaction((tx) => {
        const stored = storedFor(tx, rule.key, chunk);
        for (const { item, user, key } of chunk) {
          const existing = stored.get(key);
          const change = changeFor(existing, item, setting.repeatDays, now);
          if (change !== "unchanged" || !sameAsStored(existing, item)) upsert(tx, user.id, rule.key, item, existing, change, nowIso);
          const emailed = change !== "unchanged" && options.email && user.emailMode === "immediate";
          if (emailed) {
            enqueueEmail(tx, { kind: "reminder", userId: user.id, to: user.email, ...reminderEmail(options.origin, user, item) }, now);
            report.emailsQueued++;
          }
          report.items.push({
            rule: rule.key,
            subjectKey: item.subjectKey,
            title: item.title,
            link: item.link,
            urgency: item.urgency,
            dueDate: item.dueDate,
            user: { id: user.id, name: user.name, email: user.email, role: user.role },
            change,
            emailed,
          });
        }
      });
    }
    // Open reminders the rule no longer finds: read once, resolved a chunk at a time (each only if still open).
    const ended = db
      .select({ id: notifications.id, userId: notifications.userId, subjectKey: notifications.subjectKey })
      .from(notifications)
      .where(and(eq(notifications.rule, rule.key), isNull(notifications.resolvedAt)))
      .all()
      .filter((n) => !active.has(`${n.userId} ${n.subjectKey}`))
      .map((n) => n.id);
    for (let i = 0; i < ended.length; i += WRITE_CHUNK) {
      db.transaction((tx) => {
        tx.update(notifications)
          .set({ resolvedAt: nowIso, updatedAt: nowIso })
          .where(and(inArray(notifications.id, ended.slice(i, i + WRITE_CHUNK)), isNull(notifications.resolvedAt)))
          .run();
      });
    }
    report.resolved += ended.length;
  }
  return report;
}
