import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { createdAt, id, sqlList, timestamps, validity, version } from "./columns";
import { ACCEPTANCE_STATES, CSF_FUNCTIONS, RISK_LEVELS, RISK_STATUSES, RISK_TREATMENTS } from "./enums";
import { milestones, workstreams } from "./workstreams";

const score = (t: { l: unknown; i: unknown }) => sql`${t.l} between 1 and 5 and ${t.i} between 1 and 5`;

export const risks = sqliteTable(
  "risks",
  {
    id: id(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: text("category").notNull(),
    ownerId: integer("owner_id").references(() => users.id),
    csfFunction: text("csf_function", { enum: CSF_FUNCTIONS }).notNull(),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentImpact: integer("inherent_impact").notNull(),
    // Current = the latest assessment, kept here so lists and filters need no subquery.
    currentLikelihood: integer("current_likelihood").notNull(),
    currentImpact: integer("current_impact").notNull(),
    targetLikelihood: integer("target_likelihood").notNull(),
    targetImpact: integer("target_impact").notNull(),
    // Levels come from the matrix in settings; stored so a matrix change re-levels every risk in one update.
    inherentLevel: text("inherent_level", { enum: RISK_LEVELS }).notNull(),
    currentLevel: text("current_level", { enum: RISK_LEVELS }).notNull(),
    targetLevel: text("target_level", { enum: RISK_LEVELS }).notNull(),
    treatment: text("treatment", { enum: RISK_TREATMENTS }).notNull(),
    status: text("status", { enum: RISK_STATUSES }).notNull().default("open"),
    nextReviewDate: text("next_review_date"),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("risks_code_unique").on(t.code),
    index("risks_owner_idx").on(t.ownerId),
    index("risks_current_level_idx").on(t.currentLevel),
    index("risks_status_idx").on(t.status),
    index("risks_review_idx").on(t.nextReviewDate),
    index("risks_csf_idx").on(t.csfFunction),
    check("risks_inherent_check", score({ l: t.inherentLikelihood, i: t.inherentImpact })),
    check("risks_current_check", score({ l: t.currentLikelihood, i: t.currentImpact })),
    check("risks_target_check", score({ l: t.targetLikelihood, i: t.targetImpact })),
    check(
      "risks_level_check",
      sql`${t.inherentLevel} in (${sqlList(RISK_LEVELS)}) and ${t.currentLevel} in (${sqlList(RISK_LEVELS)}) and ${t.targetLevel} in (${sqlList(RISK_LEVELS)})`,
    ),
    check("risks_treatment_check", sql`${t.treatment} in (${sqlList(RISK_TREATMENTS)})`),
    check("risks_status_check", sql`${t.status} in (${sqlList(RISK_STATUSES)})`),
    check("risks_csf_check", sql`${t.csfFunction} in (${sqlList(CSF_FUNCTIONS)})`),
  ],
);

/** Every re-score, dated and explained: the history behind the trends. Rows are never edited. */
export const riskAssessments = sqliteTable(
  "risk_assessments",
  {
    id: id(),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    assessedOn: text("assessed_on").notNull(),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    rationale: text("rationale").notNull(),
    assessedById: integer("assessed_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("risk_assessments_risk_idx").on(t.riskId, t.assessedOn),
    index("risk_assessments_user_idx").on(t.assessedById),
    index("risk_assessments_date_idx").on(t.assessedOn),
    check("risk_assessments_score_check", score({ l: t.likelihood, i: t.impact })),
  ],
);

export const riskAcceptances = sqliteTable(
  "risk_acceptances",
  {
    id: id(),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    requestedById: integer("requested_by_id").references(() => users.id),
    requestedAt: text("requested_at").notNull(),
    justification: text("justification").notNull(),
    expiresOn: text("expires_on").notNull(),
    state: text("state", { enum: ACCEPTANCE_STATES }).notNull().default("requested"),
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionNote: text("decision_note").notNull().default(""),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    index("risk_acceptances_risk_idx").on(t.riskId),
    // The as-of acceptance subqueries: this risk's approved acceptances by decision time and expiry.
    index("risk_acceptances_risk_state_idx").on(t.riskId, t.state, t.expiresOn),
    index("risk_acceptances_state_idx").on(t.state, t.expiresOn),
    index("risk_acceptances_requested_by_idx").on(t.requestedById),
    index("risk_acceptances_decided_by_idx").on(t.decidedById),
    check("risk_acceptances_state_check", sql`${t.state} in (${sqlList(ACCEPTANCE_STATES)})`),
  ],
);

export const riskWorkstreams = sqliteTable(
  "risk_workstreams",
  {
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.workstreamId] }), index("risk_workstreams_workstream_idx").on(t.workstreamId)],
);

export const riskMilestones = sqliteTable(
  "risk_milestones",
  {
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.milestoneId] }), index("risk_milestones_milestone_idx").on(t.milestoneId)],
);

/**
 * The risk's attributes that feed a figure or a filter of one, version by
 * version (docs/decisions/011-effective-dated-history.md): a risk exists as of
 * D when a version is in force at the end of D, and is closed, treated, owned
 * and scored (inherent, target) as that version says. Current scores are the
 * dated assessments, not kept here.
 */
export const riskHistory = sqliteTable(
  "risk_history",
  {
    id: id(),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    status: text("status", { enum: RISK_STATUSES }).notNull(),
    treatment: text("treatment", { enum: RISK_TREATMENTS }).notNull(),
    ownerId: integer("owner_id").references(() => users.id),
    csfFunction: text("csf_function", { enum: CSF_FUNCTIONS }).notNull(),
    category: text("category").notNull(),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentImpact: integer("inherent_impact").notNull(),
    targetLikelihood: integer("target_likelihood").notNull(),
    targetImpact: integer("target_impact").notNull(),
    nextReviewDate: text("next_review_date"),
    ...validity(),
  },
  (t) => [
    index("risk_history_risk_idx").on(t.riskId, t.validFrom),
    index("risk_history_owner_idx").on(t.ownerId),
    // "In force at T" reads the versions with valid_to null or after T through this index (a MULTI-INDEX OR),
    // not every version that started before T: risk_history gains a version at each quarterly re-score.
    index("risk_history_valid_to_idx").on(t.validTo),
  ],
);

/** Which workstreams a risk was linked to, and when (one row per link, ended when unlinked). */
export const riskWorkstreamHistory = sqliteTable(
  "risk_workstream_history",
  {
    id: id(),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
    ...validity(),
  },
  (t) => [
    index("risk_workstream_history_risk_idx").on(t.riskId, t.validFrom),
    index("risk_workstream_history_workstream_idx").on(t.workstreamId, t.validFrom),
    index("risk_workstream_history_valid_to_idx").on(t.validTo),
  ],
);

/** Which milestones treat a risk, and when (one row per link, ended when unlinked). */
export const riskMilestoneHistory = sqliteTable(
  "risk_milestone_history",
  {
    id: id(),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    ...validity(),
  },
  (t) => [
    index("risk_milestone_history_risk_idx").on(t.riskId, t.validFrom),
    index("risk_milestone_history_milestone_idx").on(t.milestoneId, t.validFrom),
    index("risk_milestone_history_valid_to_idx").on(t.validTo),
  ],
);
