import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import {
  csfCategoryTierHistory,
  measureHistory,
  riskCsfCategoryHistory,
  riskHistory,
  risks,
  workstreamCsfCategoryHistory,
  workstreamHistory,
  workstreams,
  measures,
} from "#db/schema";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";
import { CSF_CATEGORIES, CSF_CATEGORY_INFO, type CsfCategory } from "./categories";

type Reader = Pick<Db, "select">;

export type CsfProfileRow = {
  category: CsfCategory;
  name: string;
  fn: string;
  currentTier: number | null;
  targetTier: number | null;
  /** Target tier minus current tier (0: at target); null until both are assessed. */
  tierGap: number | null;
  workstreams: string[];
  risks: string[];
  measures: string[];
  /** No work (workstream not cancelled) or no measure informs this category. */
  gap: { noWork: boolean; noMeasure: boolean };
};

/**
 * The CSF 2.0 profile as of D: the 22 categories with the tiers in force at
 * the end of D (csf_category_tier_history), the workstreams (not cancelled
 * then) and risks (not closed then) mapped to each then (the mappings'
 * histories), and the measures whose category it is then. A category with
 * no work or no measure is a gap.
 */
export function csfProfile(db: Reader, asOf: string): CsfProfileRow[] {
  const at = asOfInstant(db, asOf);
  const tiers = db
    .select({ category: csfCategoryTierHistory.category, current: csfCategoryTierHistory.currentTier, target: csfCategoryTierHistory.targetTier })
    .from(csfCategoryTierHistory)
    .where(inForceAt(csfCategoryTierHistory, at))
    .all();
  const wm = workstreamCsfCategoryHistory;
  const ws = db
    .select({ category: wm.category, code: workstreams.code })
    .from(wm)
    .innerJoin(workstreams, eq(workstreams.id, wm.workstreamId))
    .innerJoin(workstreamHistory, and(eq(workstreamHistory.workstreamId, workstreams.id), inForceAt(workstreamHistory, at)))
    .where(and(inForceAt(wm, at), sql`${workstreamHistory.lifecycleStatus} <> 'cancelled'`))
    .orderBy(asc(workstreams.code))
    .all();
  const rm = riskCsfCategoryHistory;
  const rs = db
    .select({ category: rm.category, code: risks.code })
    .from(rm)
    .innerJoin(risks, eq(risks.id, rm.riskId))
    .innerJoin(riskHistory, and(eq(riskHistory.riskId, risks.id), inForceAt(riskHistory, at)))
    .where(and(inForceAt(rm, at), sql`${riskHistory.status} <> 'closed'`))
    .orderBy(asc(risks.code))
    .all();
  const ms = db
    .select({ category: measureHistory.csfCategory, key: measures.key })
    .from(measureHistory)
    .innerJoin(measures, eq(measures.id, measureHistory.measureId))
    .where(inForceAt(measureHistory, at))
    .orderBy(asc(measures.key))
    .all();
  return CSF_CATEGORIES.map((category) => {
    const tier = tiers.find((t) => t.category === category);
    const w = ws.filter((r) => r.category === category).map((r) => r.code);
    const m = ms.filter((r) => r.category === category).map((r) => r.key);
    return {
      category,
      name: CSF_CATEGORY_INFO[category].name,
      fn: CSF_CATEGORY_INFO[category].fn,
      currentTier: tier?.current ?? null,
      targetTier: tier?.target ?? null,
      tierGap: tier ? tier.target - tier.current : null,
      workstreams: w,
      risks: rs.filter((r) => r.category === category).map((r) => r.code),
      measures: m,
      gap: { noWork: w.length === 0, noMeasure: m.length === 0 },
    };
  });
}

/** The dashboard's one line: how many categories lack work or a measure, and how many are below their target tier. */
export function csfGapSummary(db: Reader, asOf: string) {
  const rows = csfProfile(db, asOf);
  return {
    categories: rows.length,
    noWork: rows.filter((r) => r.gap.noWork).length,
    noMeasure: rows.filter((r) => r.gap.noMeasure).length,
    belowTarget: rows.filter((r) => r.tierGap !== null && r.tierGap > 0).length,
  };
}
