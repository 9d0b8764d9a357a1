import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, sqlList, timestamps, validity, version } from "./columns";
import { engagements } from "./engagements";
import { COST_CATEGORIES, COST_CLASSES } from "./enums";
import { workstreams } from "./workstreams";

// All money is integer cents. Plan lines are keyed by fiscal year and quarter
// (computed with the programme's fiscal-year start month).

export const budgetLines = sqliteTable(
  "budget_lines",
  {
    id: id(),
    fiscalYear: integer("fiscal_year").notNull(),
    quarter: integer("quarter").notNull(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "restrict" }),
    costClass: text("cost_class", { enum: COST_CLASSES }).notNull(),
    category: text("category", { enum: COST_CATEGORIES }).notNull(),
    engagementId: integer("engagement_id").references(() => engagements.id, { onDelete: "restrict" }),
    amountCents: integer("amount_cents").notNull(),
    note: text("note").notNull().default(""),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    index("budget_lines_period_idx").on(t.fiscalYear, t.quarter),
    index("budget_lines_workstream_idx").on(t.workstreamId),
    index("budget_lines_engagement_idx").on(t.engagementId),
    index("budget_lines_category_idx").on(t.costClass, t.category),
    check("budget_lines_quarter_check", sql`${t.quarter} between 1 and 4`),
    check("budget_lines_amount_check", sql`${t.amountCents} >= 0`),
    check("budget_lines_class_check", sql`${t.costClass} in (${sqlList(COST_CLASSES)})`),
    check("budget_lines_category_check", sql`${t.category} in (${sqlList(COST_CATEGORIES)})`),
  ],
);

/**
 * Every version of a plan line (docs/decisions/011): the amount and the cell
 * it sits in, in force from `valid_from` to `valid_to`, so plan and plan to
 * date as of a past day read the plan as it stood then.
 */
export const budgetLineHistory = sqliteTable(
  "budget_line_history",
  {
    id: id(),
    budgetLineId: integer("budget_line_id")
      .notNull()
      .references(() => budgetLines.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    quarter: integer("quarter").notNull(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id),
    costClass: text("cost_class", { enum: COST_CLASSES }).notNull(),
    category: text("category", { enum: COST_CATEGORIES }).notNull(),
    engagementId: integer("engagement_id").references(() => engagements.id),
    amountCents: integer("amount_cents").notNull(),
    ...validity(),
  },
  (t) => [
    index("budget_line_history_line_idx").on(t.budgetLineId, t.validFrom),
    index("budget_line_history_valid_idx").on(t.validFrom, t.validTo),
    index("budget_line_history_workstream_idx").on(t.workstreamId),
    index("budget_line_history_engagement_idx").on(t.engagementId),
    // "Versions still in force" (valid_to is null) and as-of lookups from the other end of the interval.
    index("budget_line_history_valid_to_idx").on(t.validTo),
  ],
);

export const commitments = sqliteTable(
  "commitments",
  {
    id: id(),
    // Purchase order or SOW number.
    reference: text("reference").notNull(),
    date: text("date").notNull(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "restrict" }),
    engagementId: integer("engagement_id").references(() => engagements.id, { onDelete: "restrict" }),
    costClass: text("cost_class", { enum: COST_CLASSES }).notNull(),
    category: text("category", { enum: COST_CATEGORIES }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    description: text("description").notNull().default(""),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("commitments_reference_unique").on(t.reference),
    index("commitments_date_idx").on(t.date),
    // Covers the money cube's grouped sum, so "as of D" reads the index alone, never the rows.
    index("commitments_cube_idx").on(t.date, t.workstreamId, t.engagementId, t.category, t.costClass, t.amountCents),
    index("commitments_workstream_idx").on(t.workstreamId),
    index("commitments_engagement_idx").on(t.engagementId),
    // The finance page lists the most recently updated first: without it every view sorted the whole table.
    index("commitments_updated_idx").on(t.updatedAt),
    check("commitments_amount_check", sql`${t.amountCents} >= 0`),
    check("commitments_class_check", sql`${t.costClass} in (${sqlList(COST_CLASSES)})`),
    check("commitments_category_check", sql`${t.category} in (${sqlList(COST_CATEGORIES)})`),
  ],
);

export const actuals = sqliteTable(
  "actuals",
  {
    id: id(),
    // Finance's invoice reference; unique so that re-importing the same export adds nothing.
    reference: text("reference").notNull(),
    date: text("date").notNull(),
    amountCents: integer("amount_cents").notNull(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "restrict" }),
    engagementId: integer("engagement_id").references(() => engagements.id, { onDelete: "restrict" }),
    costClass: text("cost_class", { enum: COST_CLASSES }).notNull(),
    category: text("category", { enum: COST_CATEGORIES }).notNull(),
    description: text("description").notNull().default(""),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("actuals_reference_unique").on(t.reference),
    index("actuals_date_idx").on(t.date),
    // Covers the money cube's grouped sum, so "as of D" reads the index alone, never the rows.
    index("actuals_cube_idx").on(t.date, t.workstreamId, t.engagementId, t.category, t.costClass, t.amountCents),
    index("actuals_workstream_idx").on(t.workstreamId),
    index("actuals_engagement_idx").on(t.engagementId),
    index("actuals_category_idx").on(t.costClass, t.category),
    // The finance page lists the most recently updated first: without it every view sorted 232,000 invoices at 100x.
    index("actuals_updated_idx").on(t.updatedAt),
    check("actuals_amount_check", sql`${t.amountCents} >= 0`),
    check("actuals_class_check", sql`${t.costClass} in (${sqlList(COST_CLASSES)})`),
    check("actuals_category_check", sql`${t.category} in (${sqlList(COST_CATEGORIES)})`),
  ],
);

/** Funding tags on actual spend (e.g. "settlement", "fcc-decree"): which spend counts toward an obligation. */
export const actualTags = sqliteTable(
  "actual_tags",
  {
    actualId: integer("actual_id")
      .notNull()
      .references(() => actuals.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.actualId, t.tag] }), index("actual_tags_tag_idx").on(t.tag)],
);
