/**
 * Which live tables keep effective-dated history, and which attributes. Each
 * entry is registered so that `updateVersioned` records a version on every
 * edit; inserts and bulk writers call `recordVersion` with the same spec.
 * One entry per entity whose attributes feed a figure (docs/figures.md).
 */

// Delivery: milestones (status incl. cancellation, dates, baseline in force, critical path, weight, workstream)
// and workstreams (lifecycle, manual RAG override, owner).
import { milestoneHistory, milestones, workstreamHistory, workstreams } from "#db/schema";
import { registerHistory } from "./versions.server";

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
