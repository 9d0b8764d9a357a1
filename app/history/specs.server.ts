import {
  budgetLineHistory,
  budgetLines,
  milestoneHistory,
  milestones,
  obligationHistory,
  obligations,
  riskHistory,
  risks,
  workstreamHistory,
  workstreams,
} from "#db/schema";
import { registerHistory } from "./versions.server";

/**
 * Which live tables keep effective-dated history, and which attributes. Each
 * entry is registered so that `updateVersioned` records a version on every
 * edit; inserts and bulk writers call `recordVersion` with the same spec.
 * One entry per entity whose attributes feed a figure (docs/figures.md).
 */

/** Risks: what decides whether a risk is counted, where, and how (app/figures/risks.server.ts). */
export const riskHistorySpec = registerHistory<typeof risks.$inferSelect>(risks, {
  table: riskHistory,
  entityColumn: riskHistory.riskId,
  entityKey: "riskId",
  attributes: (r) => ({
    status: r.status,
    treatment: r.treatment,
    ownerId: r.ownerId,
    csfFunction: r.csfFunction,
    category: r.category,
    inherentLikelihood: r.inherentLikelihood,
    inherentImpact: r.inherentImpact,
    targetLikelihood: r.targetLikelihood,
    targetImpact: r.targetImpact,
    nextReviewDate: r.nextReviewDate,
  }),
});

// Money: a plan line's cell and amount (plan, plan to date as of a past day).
export const budgetLineSpec = registerHistory(budgetLines, {
  table: budgetLineHistory,
  entityColumn: budgetLineHistory.budgetLineId,
  entityKey: "budgetLineId",
  attributes: (r: typeof budgetLines.$inferSelect) => ({
    fiscalYear: r.fiscalYear,
    quarter: r.quarter,
    workstreamId: r.workstreamId,
    costClass: r.costClass,
    category: r.category,
    engagementId: r.engagementId,
    amountCents: r.amountCents,
  }),
});

// Obligations: what their progress and status figures read.
export const obligationSpec = registerHistory(obligations, {
  table: obligationHistory,
  entityColumn: obligationHistory.obligationId,
  entityKey: "obligationId",
  attributes: (r: typeof obligations.$inferSelect) => ({
    kind: r.kind,
    status: r.status,
    targetCents: r.targetCents,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    spendTag: r.spendTag,
    spendCategory: r.spendCategory,
    dueDate: r.dueDate,
  }),
});

// Delivery: milestones (status incl. cancellation, dates, baseline in force, critical path, weight, workstream)
// and workstreams (lifecycle, manual RAG override, owner).

export const milestoneHistorySpec = registerHistory<typeof milestones.$inferSelect>(milestones, {
  table: milestoneHistory,
  entityColumn: milestoneHistory.milestoneId,
  entityKey: "milestoneId",
  attributes: (m) => ({
    workstreamId: m.workstreamId,
    status: m.status,
    baselineDate: m.baselineDate,
    forecastDate: m.forecastDate,
    actualDate: m.actualDate,
    criticalPath: m.criticalPath,
    weight: m.weight,
  }),
});

export const workstreamHistorySpec = registerHistory<typeof workstreams.$inferSelect>(workstreams, {
  table: workstreamHistory,
  entityColumn: workstreamHistory.workstreamId,
  entityKey: "workstreamId",
  attributes: (w) => ({
    lifecycleStatus: w.lifecycleStatus,
    ragOverride: w.ragOverride,
    ragOverrideReason: w.ragOverrideReason,
    ragOverrideExpiresOn: w.ragOverrideExpiresOn,
    ownerId: w.ownerId,
  }),
});
