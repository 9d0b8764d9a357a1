import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { program } from "#db/schema";
import { milestoneFigures, milestoneFiguresByWorkstream } from "~/figures/milestones.server";
import type { Rag, RiskLevel } from "#db/schema/enums";
import { canonicalJson } from "~/audit/canonical-json";
import { type FiscalQuarter, formatQuarter, parseQuarter, quarterBounds } from "~/money/fiscal";
import { riskSummary } from "~/figures/risks.server";
import { appetiteAsOf } from "~/figures/settings.server";
import { computeProgramStatus } from "~/rollups/status.server";
import type { DimensionName, Reason } from "~/rollups/types";
import { type BurnUpPoint, moneyBy, moneyFigures, moneyView } from "~/figures/money.server";
import { obligationsAsOf } from "~/figures/obligations.server";
import {
  frozenHeatMap,
  frozenTopRisks,
  quarterRebaselines,
  type SnapshotHeatMap,
  type SnapshotRebaseline,
  type SnapshotTopRisk,
} from "./snapshot-detail.server";
import { type MeasureEvidenceSummary, measureEvidenceSummary } from "~/figures/obligations-evidence.server";
import { outcomesAsOf, type SnapshotOutcome } from "./outcomes.server";

/**
 * The figures a board report freezes at publication, computed as of a date
 * from the live tables with SQL aggregates only.
 *
 * As-of rules (so a report for a past quarter reads the same later):
 * - spend: the money figures as of the date (docs/figures.md#money): plan
 *   lines in force then, actuals and commitments dated on or before it.
 * - milestones: the figures layer (app/figures/milestones.server.ts,
 *   docs/figures.md), as of the date, the quarter being the period.
 * - risks: the risk summary of app/figures/risks.server.ts as of the date
 *   (risks not closed then, scored by their latest assessment by then, on the
 *   matrix and against the appetite in force then).
 * - obligations: the obligation figures as of the date (docs/figures.md#obligations):
 *   those in force then, with their assessed status.
 * - outcomes: the key measures as of the date (docs/figures.md#measures): values known then.
 */
export type SnapshotDb = Pick<Db, "select" | "all" | "get">;

export type SnapshotObligation = {
  code: string;
  title: string;
  source: string;
  kind: string;
  dueDate: string | null;
  status: string;
  targetCents: number | null;
  countedCents: number | null;
  windowStart: string | null;
  windowEnd: string | null;
  milestonesTotal: number;
  milestonesDone: number;
};

export type SnapshotWorkstream = {
  code: string;
  name: string;
  planToDateCents: number;
  actualToDateCents: number;
  milestonesDone: number;
  milestonesOpen: number;
  milestonesSlipped: number;
  /** Added with the figures layer; absent from reports published before it. */
  milestonesSlippedOriginal?: number;
  milestonesRebaselined?: number;
  rebaselinesInQuarter?: number;
};

/** The programme's explained RAG as of the date (app/rollups), frozen with the figures. */
export type SnapshotHealth = {
  overall: Rag;
  reasons: Reason[];
  dimensions: SnapshotDimensions;
  workstreams: Array<{ code: string; name: string; overall: Rag; override: boolean } & SnapshotDimensions>;
};
/** The outcome dimension came with issue 14: reports published before it have none. */
type SnapshotDimensions = Record<Exclude<DimensionName, "outcome">, Rag> & { outcome?: Rag };

/** Cumulative figures at the end of each programme quarter up to the report's (the last point stops at the as-of date). */
export type SpendPoint = { quarter: string; planCents: number; actualCents: number; committedCents: number };

export type QuarterSnapshot = {
  quarter: string;
  asOfDate: string;
  programme: { name: string; currency: string; riskAppetite: RiskLevel };
  spend: {
    planToDateCents: number;
    actualToDateCents: number;
    committedToDateCents: number;
    totalPlanCents: number;
    quarterPlanCents: number;
    quarterActualCents: number;
  };
  milestones: {
    total: number;
    done: number;
    open: number;
    slipped: number;
    overdue: number;
    doneInQuarter: number;
    /** Added with the figures layer (absent from reports published before it): slip against the original baseline, re-baselines. */
    slippedOriginal?: number;
    rebaselined?: number;
    rebaselinesInQuarter?: number;
  };
  risks: { count: number; byLevel: Record<RiskLevel, number>; scoreSum: number; aboveAppetite: number };
  obligations: SnapshotObligation[];
  /** Added with evidence files (absent from reports approved before): measures by evidence state (docs/figures.md#evidence). */
  measureEvidence?: MeasureEvidenceSummary;
  workstreams: SnapshotWorkstream[];
  health: SnapshotHealth;
  spendSeries: SpendPoint[];
  /** Added with the designed board pack; absent from reports published before it (the pack then says so). */
  topRisks?: SnapshotTopRisk[];
  heatMap?: SnapshotHeatMap;
  rebaselines?: SnapshotRebaseline[];
  /** Key outcome measures (issue 14); absent from reports published before them. */
  outcomes?: SnapshotOutcome[];
};

export function buildQuarterSnapshot(db: SnapshotDb, quarter: string, asOfDate: string): QuarterSnapshot {
  const q = parseQuarter(quarter);
  if (!q) throw new RangeError(`Not a fiscal quarter: ${quarter}`);
  const prog = db.select().from(program).limit(1).get();
  if (!prog) throw new Error("No programme to snapshot");
  const fyStart = prog.fiscalYearStartMonth;
  const qStart = quarterBounds(q, fyStart).start;

  // Spend: the money figures as of the date (docs/figures.md#money), the same as /budget and the dashboard.
  const money = moneyView(db, { asOf: asOfDate }, "time");
  const spend = money.totals();
  const inQuarter = moneyFigures(db, { asOf: asOfDate, fiscalYear: q.fiscalYear, quarter: q.quarter });
  const wsMoney = moneyBy(db, "workstream", { asOf: asOfDate });

  const milestoneTotals = milestoneFigures(db, { asOf: asOfDate, periodStart: qStart });
  const byWs = milestoneFiguresByWorkstream(db, { asOf: asOfDate, periodStart: qStart });

  const wsSpend = db.all<{ id: number; code: string; name: string }>(sql`
    select w.id, w.code, w.name from workstreams w where substr(w.created_at, 1, 10) <= ${asOfDate} order by w.code`);

  const risks = riskSummary(db, { asOf: asOfDate });

  // Obligations: the obligation figures as of the date (docs/figures.md#obligations), with their assessed status.
  const obligationFigures = obligationsAsOf(db, {}, asOfDate);
  const obligations: SnapshotObligation[] = obligationFigures.map((o) => ({
    code: o.code,
    title: o.title,
    source: o.source,
    kind: o.kind,
    dueDate: o.dueDate,
    status: o.assessedStatus,
    targetCents: o.targetCents,
    countedCents: o.spend ? o.spend.progressCents : null,
    windowStart: o.windowStart,
    windowEnd: o.windowEnd,
    milestonesTotal: o.measure?.total ?? 0,
    milestonesDone: o.measure?.done ?? 0,
  }));

  return {
    quarter,
    asOfDate,
    health: healthAsOf(db, asOfDate),
    spendSeries: spendSeries(money.burnUp().points, q),
    outcomes: outcomesAsOf(db, q, asOfDate, fyStart),
    programme: { name: prog.name, currency: prog.currency, riskAppetite: appetiteAsOf(db, asOfDate) },
    spend: {
      planToDateCents: spend.planToDateCents,
      actualToDateCents: spend.actualCents,
      committedToDateCents: spend.committedCents,
      totalPlanCents: spend.planCents,
      quarterPlanCents: inQuarter.planCents,
      quarterActualCents: inQuarter.actualCents,
    },
    milestones: {
      total: milestoneTotals.total,
      done: milestoneTotals.done,
      open: milestoneTotals.open,
      slipped: milestoneTotals.slipped,
      overdue: milestoneTotals.overdue,
      doneInQuarter: milestoneTotals.doneInPeriod,
      slippedOriginal: milestoneTotals.slippedOriginal,
      rebaselined: milestoneTotals.rebaselined,
      rebaselinesInQuarter: milestoneTotals.rebaselinesInPeriod,
    },
    risks: { count: risks.count, byLevel: risks.byLevel, scoreSum: risks.scoreSum, aboveAppetite: risks.aboveAppetite },
    obligations,
    topRisks: frozenTopRisks(db, asOfDate, qStart),
    heatMap: frozenHeatMap(db, asOfDate),
    rebaselines: quarterRebaselines(db, asOfDate, qStart),
    measureEvidence: measureEvidenceSummary(db, obligationFigures, asOfDate),
    workstreams: wsSpend.map((w) => {
      const m = byWs.get(w.id);
      return {
        code: w.code,
        name: w.name,
        planToDateCents: wsMoney.get(w.id)?.planToDateCents ?? 0,
        actualToDateCents: wsMoney.get(w.id)?.actualCents ?? 0,
        milestonesDone: m?.done ?? 0,
        milestonesOpen: m?.open ?? 0,
        milestonesSlipped: m?.slipped ?? 0,
        milestonesSlippedOriginal: m?.slippedOriginal ?? 0,
        milestonesRebaselined: m?.rebaselined ?? 0,
        rebaselinesInQuarter: m?.rebaselinesInPeriod ?? 0,
      };
    }),
  };
}

function healthAsOf(db: SnapshotDb, asOfDate: string): SnapshotHealth {
  const status = computeProgramStatus(db, asOfDate);
  return {
    overall: status.overall.rag,
    reasons: status.overall.reasons,
    dimensions: status.dimensions,
    workstreams: status.workstreams.map((w) => ({
      code: w.code,
      name: w.name,
      overall: w.overall.rag,
      override: w.override !== null,
      schedule: w.schedule.rag,
      cost: w.cost.rag,
      risk: w.risk.rag,
      staleness: w.staleness.rag,
      outcome: w.outcome.rag,
    })),
  };
}

/** The burn-up's cumulative points up to the report's quarter (a quarter after the as-of date repeats the last known figures). */
function spendSeries(points: BurnUpPoint[], last: FiscalQuarter): SpendPoint[] {
  const label = formatQuarter(last);
  const upTo = points.findIndex((p) => p.label === label);
  let actual = 0;
  let committed = 0;
  return points.slice(0, upTo + 1).map((p) => {
    actual = p.actualCents ?? actual;
    committed = p.committedCents ?? committed;
    return { quarter: p.label, planCents: p.planCents, actualCents: actual, committedCents: committed };
  });
}

/** SHA-256 (hex) of the snapshot's canonical JSON: the content hash a published report carries. */
export function hashSnapshot(snapshot: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(snapshot))));
}
