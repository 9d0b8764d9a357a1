import { risks, riskHistory } from "#db/schema";
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
