import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { createdAt, id, sqlList, timestamps, validity, version } from "./columns";
import { CSF_FUNCTIONS, LIFECYCLE_STATUSES, MILESTONE_STATUSES, RAGS, REPORT_STATES } from "./enums";

export const workstreams = sqliteTable(
  "workstreams",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    objective: text("objective").notNull().default(""),
    ownerId: integer("owner_id").references(() => users.id),
    sponsorId: integer("sponsor_id").references(() => users.id),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    lifecycleStatus: text("lifecycle_status", { enum: LIFECYCLE_STATUSES }).notNull().default("planned"),
    ragOverride: text("rag_override", { enum: RAGS }),
    ragOverrideReason: text("rag_override_reason"),
    ragOverrideExpiresOn: text("rag_override_expires_on"),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("workstreams_code_unique").on(t.code),
    index("workstreams_owner_idx").on(t.ownerId),
    index("workstreams_sponsor_idx").on(t.sponsorId),
    index("workstreams_lifecycle_idx").on(t.lifecycleStatus),
    check("workstreams_lifecycle_check", sql`${t.lifecycleStatus} in (${sqlList(LIFECYCLE_STATUSES)})`),
    check("workstreams_rag_override_check", sql`${t.ragOverride} is null or ${t.ragOverride} in (${sqlList(RAGS)})`),
    // An override without a reason and an expiry is not an override.
    check("workstreams_override_reason_check", sql`${t.ragOverride} is null or (${t.ragOverrideReason} is not null and ${t.ragOverrideExpiresOn} is not null)`),
    check("workstreams_dates_check", sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const workstreamCsfFunctions = sqliteTable(
  "workstream_csf_functions",
  {
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
    csfFunction: text("csf_function", { enum: CSF_FUNCTIONS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workstreamId, t.csfFunction] }),
    index("workstream_csf_functions_function_idx").on(t.csfFunction),
    check("workstream_csf_functions_check", sql`${t.csfFunction} in (${sqlList(CSF_FUNCTIONS)})`),
  ],
);

export const milestones = sqliteTable(
  "milestones",
  {
    id: id(),
    // Deleting a workstream that still has milestones is refused (restrict): history is never dropped silently.
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "restrict" }),
    code: text("code").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    baselineDate: text("baseline_date").notNull(),
    // The first baseline, set once at creation and never moved: slip against it can never be hidden by re-baselining.
    originalBaselineDate: text("original_baseline_date"),
    forecastDate: text("forecast_date"),
    actualDate: text("actual_date"),
    status: text("status", { enum: MILESTONE_STATUSES }).notNull().default("not_started"),
    percentComplete: integer("percent_complete").notNull().default(0),
    weight: integer("weight").notNull().default(1),
    criticalPath: integer("critical_path", { mode: "boolean" }).notNull().default(false),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("milestones_code_unique").on(t.code),
    index("milestones_workstream_idx").on(t.workstreamId),
    index("milestones_status_idx").on(t.status),
    index("milestones_baseline_idx").on(t.baselineDate),
    index("milestones_forecast_idx").on(t.forecastDate),
    check("milestones_status_check", sql`${t.status} in (${sqlList(MILESTONE_STATUSES)})`),
    check("milestones_percent_check", sql`${t.percentComplete} between 0 and 100`),
    check("milestones_weight_check", sql`${t.weight} >= 1`),
  ],
);

export const milestoneDependencies = sqliteTable(
  "milestone_dependencies",
  {
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    dependsOnId: integer("depends_on_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.milestoneId, t.dependsOnId] }),
    index("milestone_dependencies_depends_on_idx").on(t.dependsOnId),
    check("milestone_dependencies_self_check", sql`${t.milestoneId} <> ${t.dependsOnId}`),
  ],
);

/**
 * Effective-dated history of a milestone (docs/decisions/011): what the
 * figures need as of any date. A milestone has no version before it was
 * created, so it does not exist as of an earlier date.
 */
export const milestoneHistory = sqliteTable(
  "milestone_history",
  {
    id: id(),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "restrict" }),
    status: text("status", { enum: MILESTONE_STATUSES }).notNull(),
    baselineDate: text("baseline_date").notNull(),
    forecastDate: text("forecast_date"),
    actualDate: text("actual_date"),
    criticalPath: integer("critical_path", { mode: "boolean" }).notNull(),
    weight: integer("weight").notNull(),
    ...validity(),
  },
  (t) => [
    index("milestone_history_milestone_idx").on(t.milestoneId, t.validFrom),
    index("milestone_history_workstream_idx").on(t.workstreamId),
    index("milestone_history_valid_idx").on(t.validFrom, t.validTo),
    index("milestone_history_valid_to_idx").on(t.validTo),
  ],
);

/** Effective-dated history of a workstream: lifecycle, manual RAG override and owner as of any date. */
export const workstreamHistory = sqliteTable(
  "workstream_history",
  {
    id: id(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
    lifecycleStatus: text("lifecycle_status", { enum: LIFECYCLE_STATUSES }).notNull(),
    ragOverride: text("rag_override", { enum: RAGS }),
    ragOverrideReason: text("rag_override_reason"),
    ragOverrideExpiresOn: text("rag_override_expires_on"),
    ownerId: integer("owner_id").references(() => users.id),
    ...validity(),
  },
  (t) => [
    index("workstream_history_workstream_idx").on(t.workstreamId, t.validFrom),
    index("workstream_history_owner_idx").on(t.ownerId),
    index("workstream_history_valid_to_idx").on(t.validTo),
  ],
);

/** Every change of a milestone's baseline, with its reason: the baseline itself is set once. */
export const milestoneBaselines = sqliteTable(
  "milestone_baselines",
  {
    id: id(),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    previousDate: text("previous_date").notNull(),
    newDate: text("new_date").notNull(),
    reason: text("reason").notNull(),
    changedById: integer("changed_by_id").references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [index("milestone_baselines_milestone_idx").on(t.milestoneId), index("milestone_baselines_user_idx").on(t.changedById)],
);

/**
 * Every move of a milestone's forecast, with the lead's reason (issue 13): a
 * re-forecast is a statement to the programme, so it is kept and shown in the
 * milestone's history beside the baseline changes.
 */
export const milestoneForecastChanges = sqliteTable(
  "milestone_forecast_changes",
  {
    id: id(),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    previousDate: text("previous_date"),
    newDate: text("new_date"),
    reason: text("reason").notNull(),
    changedById: integer("changed_by_id").references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [index("milestone_forecast_changes_milestone_idx").on(t.milestoneId, t.changedAt), index("milestone_forecast_changes_user_idx").on(t.changedById)],
);

export const statusReports = sqliteTable(
  "status_reports",
  {
    id: id(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "restrict" }),
    // Reporting month, YYYY-MM.
    period: text("period").notNull(),
    // 1 for the first report of a month; a correction is the next revision and points to the one it replaces.
    revision: integer("revision").notNull().default(1),
    supersedesId: integer("supersedes_id").references((): AnySQLiteColumn => statusReports.id),
    state: text("state", { enum: REPORT_STATES }).notNull().default("draft"),
    ragOverall: text("rag_overall", { enum: RAGS }).notNull(),
    ragSchedule: text("rag_schedule", { enum: RAGS }).notNull(),
    ragCost: text("rag_cost", { enum: RAGS }).notNull(),
    ragScope: text("rag_scope", { enum: RAGS }).notNull(),
    ragRisk: text("rag_risk", { enum: RAGS }).notNull(),
    summary: text("summary").notNull().default(""),
    accomplishments: text("accomplishments").notNull().default(""),
    nextSteps: text("next_steps").notNull().default(""),
    blockers: text("blockers").notNull().default(""),
    asks: text("asks").notNull().default(""),
    authorId: integer("author_id").references(() => users.id),
    submittedById: integer("submitted_by_id").references(() => users.id),
    submittedAt: text("submitted_at"),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("status_reports_period_revision_unique").on(t.workstreamId, t.period, t.revision),
    index("status_reports_state_idx").on(t.state),
    // The latest submitted report per workstream as of a day (app/figures/reports.server.ts).
    index("status_reports_latest_idx").on(t.workstreamId, t.state, t.period, t.revision),
    index("status_reports_period_idx").on(t.period),
    index("status_reports_supersedes_idx").on(t.supersedesId),
    index("status_reports_author_idx").on(t.authorId),
    index("status_reports_submitted_by_idx").on(t.submittedById),
    check("status_reports_state_check", sql`${t.state} in (${sqlList(REPORT_STATES)})`),
    check("status_reports_period_check", sql`${t.period} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
    check(
      "status_reports_rag_check",
      sql`${t.ragOverall} in (${sqlList(RAGS)}) and ${t.ragSchedule} in (${sqlList(RAGS)}) and ${t.ragCost} in (${sqlList(RAGS)}) and ${t.ragScope} in (${sqlList(RAGS)}) and ${t.ragRisk} in (${sqlList(RAGS)})`,
    ),
  ],
);
