import {
  csfCategoryTierHistory,
  csfCategoryTiers,
  measureHistory,
  measureObligationHistory,
  measures,
  measureTargetHistory,
  measureTargets,
  measureValueHistory,
  measureValues,
  measureWorkstreamHistory,
} from "#db/schema";
import type { LinkHistorySpec } from "~/history/link-history.server";
import { registerHistory } from "~/history/versions.server";

/**
 * The effective-dated history of measures, their glide-path points and
 * values, and the CSF profile's tiers (docs/decisions/011). Registered so
 * that `updateVersioned` records a version on every edit; inserts and the
 * import call `recordVersion` with the same spec. Importing this module is
 * what registers them, so every writer of these tables imports it.
 */
export const measureSpec = registerHistory<typeof measures.$inferSelect>(measures, {
  table: measureHistory,
  entityColumn: measureHistory.measureId,
  entityKey: "measureId",
  attributes: (m) => ({
    name: m.name,
    unit: m.unit,
    direction: m.direction,
    kind: m.kind,
    ownerId: m.ownerId,
    csfCategory: m.csfCategory,
    cadence: m.cadence,
    amberTolerance: m.amberTolerance,
    redTolerance: m.redTolerance,
    appetite: m.appetite,
    boardKey: m.boardKey,
  }),
});

export const measureTargetSpec = registerHistory<typeof measureTargets.$inferSelect>(measureTargets, {
  table: measureTargetHistory,
  entityColumn: measureTargetHistory.targetId,
  entityKey: "targetId",
  attributes: (t) => ({ measureId: t.measureId, period: t.period, target: t.target }),
});

export const measureValueSpec = registerHistory<typeof measureValues.$inferSelect>(measureValues, {
  table: measureValueHistory,
  entityColumn: measureValueHistory.valueId,
  entityKey: "valueId",
  attributes: (v) => ({ measureId: v.measureId, period: v.period, value: v.value, sourceNote: v.sourceNote, enteredById: v.enteredById }),
});

export const csfTierSpec = registerHistory<typeof csfCategoryTiers.$inferSelect>(csfCategoryTiers, {
  table: csfCategoryTierHistory,
  entityColumn: csfCategoryTierHistory.tierId,
  entityKey: "tierId",
  attributes: (t) => ({ category: t.category, currentTier: t.currentTier, targetTier: t.targetTier }),
});

/** The history of a measure's links (recordLinkSet): its linked work as of a past day. */
export const measureWorkstreamLinks: LinkHistorySpec = {
  table: measureWorkstreamHistory,
  owner: measureWorkstreamHistory.measureId,
  target: measureWorkstreamHistory.workstreamId,
  ownerKey: "measureId",
  targetKey: "workstreamId",
};

export const measureObligationLinks: LinkHistorySpec = {
  table: measureObligationHistory,
  owner: measureObligationHistory.measureId,
  target: measureObligationHistory.obligationId,
  ownerKey: "measureId",
  targetKey: "obligationId",
};
