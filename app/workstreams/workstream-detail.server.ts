import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { engagements, engagementWorkstreams, statusReports, vendors } from "#db/schema";
import { moneyFigures } from "~/figures/money.server";
import { riskRegister } from "~/figures/risks.server";
import { fiscalQuarterOf } from "~/money/fiscal";

type Read = Pick<Db, "select">;

export function linkedEngagements(db: Read, workstreamId: number) {
  return db
    .select({
      id: engagements.id,
      title: engagements.title,
      vendor: vendors.name,
      kind: engagements.kind,
      status: engagements.status,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
    })
    .from(engagementWorkstreams)
    .innerJoin(engagements, eq(engagements.id, engagementWorkstreams.engagementId))
    .innerJoin(vendors, eq(vendors.id, engagements.vendorId))
    .where(eq(engagementWorkstreams.workstreamId, workstreamId))
    .orderBy(asc(engagements.startDate))
    .all();
}

/** The risks linked to the workstream as of a date, as the register defines them (app/figures/risks.server.ts), by code. */
export function linkedRisks(db: Pick<Db, "select" | "all">, workstreamId: number, asOf: string) {
  return riskRegister(db, { asOf, workstreamId })
    .map((r) => ({ id: r.id, code: r.code, title: r.title, currentLevel: r.currentLevel, status: r.status, ownerName: r.ownerName }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The workstream's own money to date, taken from the same budget cube as
 * /budget and the rollup engine, so the three agree (plan to date counts the
 * quarter in progress pro rata by day; docs/decisions/007).
 */
export function moneyToDate(db: Read, workstreamId: number, today: string, fyStartMonth: number) {
  const { fiscalYear, quarter } = fiscalQuarterOf(today, fyStartMonth);
  const f = moneyFigures(db, { asOf: today, workstreamId });
  return {
    planToDateCents: f.planToDateCents,
    planTotalCents: f.planCents,
    committedCents: f.committedCents,
    actualCents: f.actualCents,
    asOfQuarter: `FY${fiscalYear}-Q${quarter}`,
  };
}

export type RagHistoryRow = {
  period: string;
  reportId: number;
  revision: number;
  ragOverall: string;
  ragSchedule: string;
  ragCost: string;
  ragScope: string;
  ragRisk: string;
};

/** One row per month: the latest submitted revision of that month's report, oldest month first. */
export function ragHistory(db: Read, workstreamId: number): RagHistoryRow[] {
  const rows = db
    .select({
      period: statusReports.period,
      reportId: statusReports.id,
      revision: statusReports.revision,
      ragOverall: statusReports.ragOverall,
      ragSchedule: statusReports.ragSchedule,
      ragCost: statusReports.ragCost,
      ragScope: statusReports.ragScope,
      ragRisk: statusReports.ragRisk,
    })
    .from(statusReports)
    .where(and(eq(statusReports.workstreamId, workstreamId), eq(statusReports.state, "submitted")))
    .orderBy(asc(statusReports.period), desc(statusReports.revision))
    .all();
  const byPeriod = new Map<string, RagHistoryRow>();
  for (const r of rows) if (!byPeriod.has(r.period)) byPeriod.set(r.period, r);
  return [...byPeriod.values()];
}

export function reportsOf(db: Read, workstreamId: number) {
  return db
    .select({
      id: statusReports.id,
      period: statusReports.period,
      revision: statusReports.revision,
      state: statusReports.state,
      ragOverall: statusReports.ragOverall,
      submittedAt: statusReports.submittedAt,
      supersedesId: statusReports.supersedesId,
    })
    .from(statusReports)
    .where(eq(statusReports.workstreamId, workstreamId))
    .orderBy(desc(statusReports.period), desc(statusReports.revision))
    .all();
}
