import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { createdAt, id, sqlList, updatedAt, version } from "./columns";

/** How soon an item needs attention: overdue items are listed (and emailed) first. */
export const NOTIFICATION_URGENCIES = ["overdue", "due"] as const;
export type NotificationUrgency = (typeof NOTIFICATION_URGENCIES)[number];

/** How a user wants reminders by email: each one as it comes, a daily or weekly digest, or none. */
export const EMAIL_MODES = ["immediate", "daily", "weekly", "off"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const OUTBOX_STATES = ["pending", "sent", "failed"] as const;
export const OUTBOX_KINDS = ["reminder", "digest", "invitation", "password_reset"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * One in-app reminder: a rule's condition on one subject row, for one user.
 * It stays while the condition holds (resolved_at null) and is resolved,
 * never deleted, when it ends; the same condition coming back reopens it.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rule: text("rule").notNull(),
    // The row the condition is about, e.g. `milestone:12` or `report:3:2026-11`, stable across runs.
    subjectKey: text("subject_key").notNull(),
    title: text("title").notNull(),
    link: text("link").notNull(),
    dueDate: text("due_date"),
    urgency: text("urgency", { enum: NOTIFICATION_URGENCIES }).notNull(),
    firstNotifiedAt: text("first_notified_at").notNull(),
    lastNotifiedAt: text("last_notified_at").notNull(),
    readAt: text("read_at"),
    dismissedAt: text("dismissed_at"),
    resolvedAt: text("resolved_at"),
    ...{ createdAt: createdAt(), updatedAt: updatedAt() },
    version: version(),
  },
  (t) => [
    uniqueIndex("notifications_user_rule_subject_unique").on(t.userId, t.rule, t.subjectKey),
    index("notifications_user_open_idx").on(t.userId, t.resolvedAt, t.readAt),
    index("notifications_rule_idx").on(t.rule, t.resolvedAt),
    check("notifications_urgency_check", sql`${t.urgency} in (${sqlList(NOTIFICATION_URGENCIES)})`),
  ],
);

/**
 * Emails to send, written in the transaction of the event that causes them
 * and sent by the worker (app/notifications/worker.server.ts). A claim is a
 * random token with a lease: a worker that dies after claiming leaves the
 * row claimable again once the lease runs out. `message_id` is the
 * Message-ID header, so a receiving server can tell a resend apart.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    messageId: text("message_id").notNull(),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    // Bodies holding a one-time link are blanked once sent or given up, so the table never keeps a usable token.
    sensitive: integer("sensitive", { mode: "boolean" }).notNull().default(false),
    state: text("state", { enum: OUTBOX_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    claimToken: text("claim_token"),
    claimedUntil: text("claimed_until"),
    sentAt: text("sent_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("outbox_message_id_unique").on(t.messageId),
    index("outbox_state_next_idx").on(t.state, t.nextAttemptAt),
    index("outbox_user_idx").on(t.userId),
    check("outbox_state_check", sql`${t.state} in (${sqlList(OUTBOX_STATES)})`),
    check("outbox_kind_check", sql`${t.kind} in (${sqlList(OUTBOX_KINDS)})`),
  ],
);

/** A user's email preference and time zone (null: the programme's), and when their last digest went out. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    emailMode: text("email_mode", { enum: EMAIL_MODES }).notNull().default("daily"),
    timeZone: text("time_zone"),
    lastDigestAt: text("last_digest_at"),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [check("notification_preferences_mode_check", sql`${t.emailMode} in (${sqlList(EMAIL_MODES)})`)],
);

/**
 * Named leases (the scheduler's lock): whoever holds an unexpired lease runs
 * the job; several server instances on one database never run it twice.
 */
export const schedulerLeases = sqliteTable("scheduler_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  leaseUntil: text("lease_until").notNull(),
  lastRunAt: text("last_run_at"),
});
