import { and, asc, eq, gte, lt } from "drizzle-orm";
import { milestoneBaselines, milestones, workstreams } from "#db/schema";
import type { RiskLevel } from "#db/schema/enums";
import { asOfInstant } from "~/history/as-of.server";
import { programmeTimeZone } from "~/time/today.server";
import { dayIn } from "~/time/zone";
import { addDays } from "~/money/fiscal";
import { riskAsOf, riskHeatMap, riskSettingsAsOf, topRisks } from "~/figures/risks.server";
import type { SnapshotDb } from "./snapshot.server";

/**
 * The named detail a director reads beside the totals (NACD: "the top risks,
 * by name, with owner and direction"): the five highest risks, the heat map
 * they sit on, and every re-baseline of the quarter, frozen with the figures.
 */
export type SnapshotTopRisk = {
  code: string;
  title: string;
  owner: string | null;
  level: RiskLevel;
  score: number;
  aboveAppetite: boolean;
  treatment: string;
  /** Current score against the same risk's at the quarter's start: "new" when it did not exist then. */
  trend: "up" | "down" | "steady" | "new";
  scoreAtQuarterStart: number | null;
  workstreams: string[];
};

export type SnapshotHeatMap = {
  likelihoodLabels: string[];
  impactLabels: string[];
  cells: RiskLevel[][];
  colours: Record<RiskLevel, string>;
  /** counts[likelihood-1][impact-1] of the risks not closed, by current score. */
  counts: number[][];
};

export type SnapshotRebaseline = {
  milestone: string;
  title: string;
  workstream: string;
  changedOn: string;
  previousDate: string;
  newDate: string;
  reason: string;
};

export const TOP_RISKS = 5;

export function frozenTopRisks(db: SnapshotDb, asOfDate: string, quarterStart: string): SnapshotTopRisk[] {
  const before = addDays(quarterStart, -1);
  return topRisks(db, { asOf: asOfDate, limit: TOP_RISKS }).map((r) => {
    const then = riskAsOf(db, { asOf: before, code: r.code });
    const start = then && then.status !== "closed" ? then.currentScore : null;
    const trend = start === null ? "new" : r.currentScore > start ? "up" : r.currentScore < start ? "down" : "steady";
    return {
      code: r.code,
      title: r.title,
      owner: r.ownerName,
      level: r.currentLevel,
      score: r.currentScore,
      aboveAppetite: r.aboveAppetite,
      treatment: r.treatment,
      trend,
      scoreAtQuarterStart: start,
      workstreams: r.workstreamCodes,
    };
  });
}

export function frozenHeatMap(db: SnapshotDb, asOfDate: string): SnapshotHeatMap {
  const { matrix } = riskSettingsAsOf(db, asOfDate);
  return { ...matrix, counts: riskHeatMap(db, { asOf: asOfDate, which: "current" }) };
}

/** Baselines moved between the quarter's first local midnight and the end of the as-of day, oldest first. */
export function quarterRebaselines(db: SnapshotDb, asOfDate: string, quarterStart: string): SnapshotRebaseline[] {
  const from = asOfInstant(db, addDays(quarterStart, -1));
  const to = asOfInstant(db, asOfDate);
  const timeZone = programmeTimeZone(db);
  return db
    .select({
      milestone: milestones.code,
      title: milestones.title,
      workstream: workstreams.code,
      changedAt: milestoneBaselines.changedAt,
      previousDate: milestoneBaselines.previousDate,
      newDate: milestoneBaselines.newDate,
      reason: milestoneBaselines.reason,
    })
    .from(milestoneBaselines)
    .innerJoin(milestones, eq(milestones.id, milestoneBaselines.milestoneId))
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .where(and(gte(milestoneBaselines.changedAt, from), lt(milestoneBaselines.changedAt, to)))
    .orderBy(asc(milestoneBaselines.changedAt), asc(milestones.code))
    .all()
    .map(({ changedAt, ...r }) => ({ ...r, changedOn: dayIn(changedAt, timeZone) }));
}
