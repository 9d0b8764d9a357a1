import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { id, sqlList, timestamps, validity, version } from "./columns";
import { COST_CATEGORIES, OBLIGATION_KINDS, OBLIGATION_SOURCES, OBLIGATION_STATUSES } from "./enums";
import { milestones, workstreams } from "./workstreams";

/**
 * A promise made to a court, a regulator or the board. A spend obligation
 * counts actuals inside its window that match its criteria (tag, category,
 * linked workstreams; every criterion given must match); a measure is
 * evidenced by its linked milestones.
 */
export const obligations = sqliteTable(
  "obligations",
  {
    id: id(),
    code: text("code").notNull(),
    source: text("source", { enum: OBLIGATION_SOURCES }).notNull(),
    // The instrument, e.g. "Class-action settlement (approved 2023-06-29)" or "FCC consent decree DA 24-860".
    sourceReference: text("source_reference").notNull().default(""),
    kind: text("kind", { enum: OBLIGATION_KINDS }).notNull(),
    title: text("title").notNull(),
    text: text("text").notNull().default(""),
    targetCents: integer("target_cents"),
    windowStart: text("window_start"),
    windowEnd: text("window_end"),
    spendTag: text("spend_tag"),
    spendCategory: text("spend_category", { enum: COST_CATEGORIES }),
    dueDate: text("due_date"),
    status: text("status", { enum: OBLIGATION_STATUSES }).notNull().default("not_started"),
    evidenceNotes: text("evidence_notes").notNull().default(""),
    ownerId: integer("owner_id").references(() => users.id),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("obligations_code_unique").on(t.code),
    index("obligations_owner_idx").on(t.ownerId),
    index("obligations_status_idx").on(t.status),
    index("obligations_source_idx").on(t.source),
    check("obligations_source_check", sql`${t.source} in (${sqlList(OBLIGATION_SOURCES)})`),
    check("obligations_kind_check", sql`${t.kind} in (${sqlList(OBLIGATION_KINDS)})`),
    check("obligations_status_check", sql`${t.status} in (${sqlList(OBLIGATION_STATUSES)})`),
    check("obligations_target_check", sql`${t.targetCents} is null or ${t.targetCents} >= 0`),
    // A spend obligation needs a target and a window.
    check(
      "obligations_spend_check",
      sql`${t.kind} <> 'spend' or (${t.targetCents} is not null and ${t.windowStart} is not null and ${t.windowEnd} is not null)`,
    ),
  ],
);

/**
 * Every version of what makes an obligation's figures (docs/decisions/011):
 * its recorded status, target, window, spend criteria and due date. An
 * obligation has no version in force before it was recorded, so it does not
 * exist as of an earlier day.
 */
export const obligationHistory = sqliteTable(
  "obligation_history",
  {
    id: id(),
    obligationId: integer("obligation_id")
      .notNull()
      .references(() => obligations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: OBLIGATION_KINDS }).notNull(),
    status: text("status", { enum: OBLIGATION_STATUSES }).notNull(),
    targetCents: integer("target_cents"),
    windowStart: text("window_start"),
    windowEnd: text("window_end"),
    spendTag: text("spend_tag"),
    spendCategory: text("spend_category", { enum: COST_CATEGORIES }),
    dueDate: text("due_date"),
    ...validity(),
  },
  (t) => [index("obligation_history_obligation_idx").on(t.obligationId, t.validFrom), index("obligation_history_valid_to_idx").on(t.validTo)],
);

export const obligationWorkstreams = sqliteTable(
  "obligation_workstreams",
  {
    obligationId: integer("obligation_id")
      .notNull()
      .references(() => obligations.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.obligationId, t.workstreamId] }), index("obligation_workstreams_workstream_idx").on(t.workstreamId)],
);

export const obligationMilestones = sqliteTable(
  "obligation_milestones",
  {
    obligationId: integer("obligation_id")
      .notNull()
      .references(() => obligations.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.obligationId, t.milestoneId] }), index("obligation_milestones_milestone_idx").on(t.milestoneId)],
);
