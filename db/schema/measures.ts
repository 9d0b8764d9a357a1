import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { id, sqlList, timestamps, validity, version } from "./columns";
import { obligations } from "./obligations";
import { risks } from "./risks";
import { workstreams } from "./workstreams";

/**
 * The 22 categories of NIST CSF 2.0 (NIST CSWP 29, February 2024), in the
 * framework's order. Names and functions are in app/csf/categories.ts.
 */
export const CSF_CATEGORIES = [
  "GV.OC",
  "GV.RM",
  "GV.RR",
  "GV.PO",
  "GV.OV",
  "GV.SC",
  "ID.AM",
  "ID.RA",
  "ID.IM",
  "PR.AA",
  "PR.AT",
  "PR.DS",
  "PR.PS",
  "PR.IR",
  "DE.CM",
  "DE.AE",
  "RS.MA",
  "RS.AN",
  "RS.CO",
  "RS.MI",
  "RC.RP",
  "RC.CO",
] as const;
export type CsfCategory = (typeof CSF_CATEGORIES)[number];

/** percent: hundredths of a percent; days: hundredths of a day; count: whole units; money: cents (app/measures/units.ts). */
export const MEASURE_UNITS = ["percent", "count", "days", "money"] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];
export const MEASURE_DIRECTIONS = ["higher_better", "lower_better"] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];
/** KPI: performance of the programme's controls; KRI: an indicator of risk, with an appetite. */
export const MEASURE_KINDS = ["kpi", "kri"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_CADENCES = ["monthly", "quarterly"] as const;
export type MeasureCadence = (typeof MEASURE_CADENCES)[number];

/**
 * A security outcome measure (issue 14). Values, targets and tolerances are
 * integers in the unit's stored scale. The tolerances are how far a value may
 * fall short of the period's target (in the measure's bad direction) before it
 * turns amber, then red; a KRI's appetite is an absolute limit in that scale.
 */
export const measures = sqliteTable(
  "measures",
  {
    id: id(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    definition: text("definition").notNull().default(""),
    unit: text("unit", { enum: MEASURE_UNITS }).notNull(),
    direction: text("direction", { enum: MEASURE_DIRECTIONS }).notNull(),
    kind: text("kind", { enum: MEASURE_KINDS }).notNull(),
    ownerId: integer("owner_id").references(() => users.id),
    csfCategory: text("csf_category", { enum: CSF_CATEGORIES }).notNull(),
    cadence: text("cadence", { enum: MEASURE_CADENCES }).notNull().default("monthly"),
    amberTolerance: integer("amber_tolerance").notNull().default(0),
    redTolerance: integer("red_tolerance").notNull().default(0),
    appetite: integer("appetite"),
    // Shown in the board pack's outcomes section.
    boardKey: integer("board_key", { mode: "boolean" }).notNull().default(false),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("measures_key_unique").on(t.key),
    index("measures_owner_idx").on(t.ownerId),
    index("measures_csf_idx").on(t.csfCategory),
    check("measures_unit_check", sql`${t.unit} in (${sqlList(MEASURE_UNITS)})`),
    check("measures_direction_check", sql`${t.direction} in (${sqlList(MEASURE_DIRECTIONS)})`),
    check("measures_kind_check", sql`${t.kind} in (${sqlList(MEASURE_KINDS)})`),
    check("measures_cadence_check", sql`${t.cadence} in (${sqlList(MEASURE_CADENCES)})`),
    check("measures_csf_check", sql`${t.csfCategory} in (${sqlList(CSF_CATEGORIES)})`),
    check("measures_tolerance_check", sql`${t.amberTolerance} >= 0 and ${t.redTolerance} >= ${t.amberTolerance}`),
  ],
);

/** Effective-dated history of a measure's definition (docs/decisions/011): what its status was judged by on any day. */
export const measureHistory = sqliteTable(
  "measure_history",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    unit: text("unit", { enum: MEASURE_UNITS }).notNull(),
    direction: text("direction", { enum: MEASURE_DIRECTIONS }).notNull(),
    kind: text("kind", { enum: MEASURE_KINDS }).notNull(),
    ownerId: integer("owner_id"),
    csfCategory: text("csf_category", { enum: CSF_CATEGORIES }).notNull(),
    cadence: text("cadence", { enum: MEASURE_CADENCES }).notNull(),
    amberTolerance: integer("amber_tolerance").notNull(),
    redTolerance: integer("red_tolerance").notNull(),
    appetite: integer("appetite"),
    boardKey: integer("board_key", { mode: "boolean" }).notNull(),
    ...validity(),
  },
  (t) => [index("measure_history_measure_idx").on(t.measureId, t.validFrom)],
);

/** The workstreams whose outcome a measure evidences: an off-track measure is a reason on their RAG. */
export const measureWorkstreams = sqliteTable(
  "measure_workstreams",
  {
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.workstreamId] }), index("measure_workstreams_workstream_idx").on(t.workstreamId)],
);

/** Which workstreams a measure evidenced, and when (one row per link, ended when unlinked): its linked work as of a past day. */
export const measureWorkstreamHistory = sqliteTable(
  "measure_workstream_history",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
    ...validity(),
  },
  (t) => [
    index("measure_workstream_history_measure_idx").on(t.measureId, t.validFrom),
    index("measure_workstream_history_workstream_idx").on(t.workstreamId, t.validFrom),
    index("measure_workstream_history_valid_to_idx").on(t.validTo),
  ],
);

export const measureObligations = sqliteTable(
  "measure_obligations",
  {
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    obligationId: integer("obligation_id")
      .notNull()
      .references(() => obligations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.obligationId] }), index("measure_obligations_obligation_idx").on(t.obligationId)],
);

/** Which obligations a measure evidenced, and when (one row per link, ended when unlinked). */
export const measureObligationHistory = sqliteTable(
  "measure_obligation_history",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    obligationId: integer("obligation_id")
      .notNull()
      .references(() => obligations.id, { onDelete: "cascade" }),
    ...validity(),
  },
  (t) => [
    index("measure_obligation_history_measure_idx").on(t.measureId, t.validFrom),
    index("measure_obligation_history_obligation_idx").on(t.obligationId, t.validFrom),
    index("measure_obligation_history_valid_to_idx").on(t.validTo),
  ],
);

const period = (name: string) => text(name).notNull();
const periodCheck = (col: unknown) => sql`length(${col}) = 7 and substr(${col}, 5, 1) = '-' and substr(${col}, 6, 2) between '01' and '12'`;

/** A point of the glide path: the target for a period (YYYY-MM); periods between points are interpolated (docs/figures.md#measures). */
export const measureTargets = sqliteTable(
  "measure_targets",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    period: period("period"),
    target: integer("target").notNull(),
    ...timestamps(),
    version: version(),
  },
  (t) => [uniqueIndex("measure_targets_period_unique").on(t.measureId, t.period), check("measure_targets_period_check", periodCheck(t.period))],
);

export const measureTargetHistory = sqliteTable(
  "measure_target_history",
  {
    id: id(),
    // No foreign key: a point removed from the glide path keeps its history, so as-of reads before the removal still see it.
    targetId: integer("target_id").notNull(),
    measureId: integer("measure_id").notNull(),
    period: period("period"),
    target: integer("target").notNull(),
    ...validity(),
  },
  (t) => [index("measure_target_history_target_idx").on(t.targetId, t.validFrom), index("measure_target_history_measure_idx").on(t.measureId, t.period)],
);

/** The value of a measure for a period (YYYY-MM), with where it came from. Corrections are versions (history below). */
export const measureValues = sqliteTable(
  "measure_values",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    period: period("period"),
    value: integer("value").notNull(),
    sourceNote: text("source_note").notNull().default(""),
    enteredById: integer("entered_by_id").references(() => users.id),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("measure_values_period_unique").on(t.measureId, t.period),
    index("measure_values_entered_by_idx").on(t.enteredById),
    check("measure_values_period_check", periodCheck(t.period)),
  ],
);

/** Every version of a value: as of D reads the value known at the end of D, so a later correction never rewrites a past report. */
export const measureValueHistory = sqliteTable(
  "measure_value_history",
  {
    id: id(),
    valueId: integer("value_id")
      .notNull()
      .references(() => measureValues.id, { onDelete: "cascade" }),
    measureId: integer("measure_id").notNull(),
    period: period("period"),
    value: integer("value").notNull(),
    sourceNote: text("source_note").notNull().default(""),
    enteredById: integer("entered_by_id"),
    ...validity(),
  },
  (t) => [index("measure_value_history_value_idx").on(t.valueId, t.validFrom), index("measure_value_history_measure_idx").on(t.measureId, t.period)],
);

/** The CSF 2.0 profile: current and target implementation tier (1 Partial … 4 Adaptive) per category. */
export const csfCategoryTiers = sqliteTable(
  "csf_category_tiers",
  {
    id: id(),
    category: text("category", { enum: CSF_CATEGORIES }).notNull(),
    currentTier: integer("current_tier").notNull(),
    targetTier: integer("target_tier").notNull(),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("csf_category_tiers_category_unique").on(t.category),
    check("csf_category_tiers_category_check", sql`${t.category} in (${sqlList(CSF_CATEGORIES)})`),
    check("csf_category_tiers_tier_check", sql`${t.currentTier} between 1 and 4 and ${t.targetTier} between 1 and 4`),
  ],
);

export const csfCategoryTierHistory = sqliteTable(
  "csf_category_tier_history",
  {
    id: id(),
    tierId: integer("tier_id")
      .notNull()
      .references(() => csfCategoryTiers.id, { onDelete: "cascade" }),
    category: text("category", { enum: CSF_CATEGORIES }).notNull(),
    currentTier: integer("current_tier").notNull(),
    targetTier: integer("target_tier").notNull(),
    ...validity(),
  },
  (t) => [index("csf_category_tier_history_tier_idx").on(t.tierId, t.validFrom)],
);

/** Which CSF 2.0 categories a workstream's work addresses. */
export const workstreamCsfCategories = sqliteTable(
  "workstream_csf_categories",
  {
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
    category: text("category", { enum: CSF_CATEGORIES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workstreamId, t.category] }),
    index("workstream_csf_categories_category_idx").on(t.category),
    check("workstream_csf_categories_check", sql`${t.category} in (${sqlList(CSF_CATEGORIES)})`),
  ],
);

/** Which CSF 2.0 categories a workstream addressed, and when (one row per mapping, ended when removed): /csf as of a past day. */
export const workstreamCsfCategoryHistory = sqliteTable(
  "workstream_csf_category_history",
  {
    id: id(),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
    category: text("category", { enum: CSF_CATEGORIES }).notNull(),
    ...validity(),
  },
  (t) => [
    index("workstream_csf_category_history_workstream_idx").on(t.workstreamId, t.validFrom),
    index("workstream_csf_category_history_category_idx").on(t.category),
    index("workstream_csf_category_history_valid_to_idx").on(t.validTo),
    check("workstream_csf_category_history_check", sql`${t.category} in (${sqlList(CSF_CATEGORIES)})`),
  ],
);

/** Which CSF 2.0 category a risk threatens. */
export const riskCsfCategories = sqliteTable(
  "risk_csf_categories",
  {
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    category: text("category", { enum: CSF_CATEGORIES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.riskId, t.category] }),
    index("risk_csf_categories_category_idx").on(t.category),
    check("risk_csf_categories_check", sql`${t.category} in (${sqlList(CSF_CATEGORIES)})`),
  ],
);

/** Which CSF 2.0 categories a risk threatened, and when (one row per mapping, ended when removed). */
export const riskCsfCategoryHistory = sqliteTable(
  "risk_csf_category_history",
  {
    id: id(),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    category: text("category", { enum: CSF_CATEGORIES }).notNull(),
    ...validity(),
  },
  (t) => [
    index("risk_csf_category_history_risk_idx").on(t.riskId, t.validFrom),
    index("risk_csf_category_history_category_idx").on(t.category),
    index("risk_csf_category_history_valid_to_idx").on(t.validTo),
    check("risk_csf_category_history_check", sql`${t.category} in (${sqlList(CSF_CATEGORIES)})`),
  ],
);
