import { and, eq, lte, ne, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { scheduleSignals } from "~/figures/milestones.server";
import { latestReports } from "~/figures/reports.server";
import { workstreamsAsOf } from "~/figures/workstreams.server";
import { actuals, budgetLines, commitments, riskAcceptances, riskAssessments, risks, riskWorkstreams } from "#db/schema";
import type { RiskLevel } from "#db/schema/enums";
import type { FiscalQuarter } from "~/money/fiscal";
import { isAboveAppetite, levelFor, type RiskMatrix } from "~/risks/matrix";
import { planToDate } from "~/budget/rollup";
import type { ExpiredAcceptanceSignal, MilestoneSignal, RiskSignal, WorkstreamInputs } from "./types";

type Reader = Pick<Db, "select">;
export type RollupContext = { asOf: string; fyStartMonth: number; matrix: RiskMatrix; appetite: RiskLevel };

/** End of the as-of day, for comparing instants (submitted_at, changed_at) with a date. */
const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

function group<T extends { workstreamId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(r.workstreamId, [...(map.get(r.workstreamId) ?? []), r]);
  return map;
}

/** The milestones that can produce a schedule reason, as of the date: defined once in the figures layer. */
export function milestoneSignals(db: Reader, asOf: string): Array<MilestoneSignal & { workstreamId: number }> {
  return scheduleSignals(db, asOf);
}

function moneyToDate(db: Reader, ctx: RollupContext) {
  const plan = db
    .select({
      workstreamId: budgetLines.workstreamId,
      fiscalYear: budgetLines.fiscalYear,
      quarter: budgetLines.quarter,
      cents: sql<number>`sum(${budgetLines.amountCents})`,
    })
    .from(budgetLines)
    .groupBy(budgetLines.workstreamId, budgetLines.fiscalYear, budgetLines.quarter)
    .all();
  const spent = db
    .select({ workstreamId: actuals.workstreamId, cents: sql<number>`sum(${actuals.amountCents})` })
    .from(actuals)
    .where(lte(actuals.date, ctx.asOf))
    .groupBy(actuals.workstreamId)
    .all();
  const committed = db
    .select({ workstreamId: commitments.workstreamId, cents: sql<number>`sum(${commitments.amountCents})` })
    .from(commitments)
    .where(lte(commitments.date, ctx.asOf))
    .groupBy(commitments.workstreamId)
    .all();
  const planBy = group(plan);
  return {
    // The budget page's own rule (whole past quarters, the current one pro rata by day), so the two agree.
    plan: (id: number) => (planBy.get(id) ?? []).reduce((sum, p) => sum + planToDate({ ...(p as FiscalQuarter), planCents: Number(p.cents) }, ctx), 0),
    actual: (id: number) => Number(spent.find((s) => s.workstreamId === id)?.cents ?? 0),
    committed: (id: number) => Number(committed.find((s) => s.workstreamId === id)?.cents ?? 0),
  };
}

/** Linked, not-closed risks whose score on the as-of date (latest assessment then) is above appetite. */
export function riskSignals(db: Reader, ctx: RollupContext): Array<RiskSignal & { workstreamId: number }> {
  const latestOn = sql`(select max(ra2.assessed_on) from risk_assessments ra2 where ra2.risk_id = ${riskAssessments.riskId} and ra2.assessed_on <= ${ctx.asOf})`;
  const rows = db
    .select({
      workstreamId: riskWorkstreams.workstreamId,
      id: risks.id,
      code: risks.code,
      title: risks.title,
      likelihood: riskAssessments.likelihood,
      impact: riskAssessments.impact,
      assessmentId: riskAssessments.id,
    })
    .from(riskWorkstreams)
    .innerJoin(risks, eq(risks.id, riskWorkstreams.riskId))
    .innerJoin(riskAssessments, and(eq(riskAssessments.riskId, risks.id), eq(riskAssessments.assessedOn, latestOn)))
    .where(ne(risks.status, "closed"))
    .orderBy(riskAssessments.id)
    .all();
  // Two assessments on the same day: the later row wins.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(`${r.workstreamId}:${r.id}`, r);
  return [...latest.values()]
    .map((r) => ({
      workstreamId: r.workstreamId,
      id: r.id,
      code: r.code,
      title: r.title,
      level: levelFor(ctx.matrix, r.likelihood, r.impact),
      score: r.likelihood * r.impact,
    }))
    .filter((r) => isAboveAppetite(r.level, ctx.appetite))
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

/** Risks whose most recent approved acceptance had expired by the as-of date. */
export function expiredAcceptanceSignals(db: Reader, asOf: string): Array<ExpiredAcceptanceSignal & { workstreamId: number }> {
  const rows = db
    .select({
      workstreamId: riskWorkstreams.workstreamId,
      riskId: risks.id,
      riskCode: risks.code,
      riskTitle: risks.title,
      expiresOn: sql<string>`max(${riskAcceptances.expiresOn})`,
    })
    .from(riskAcceptances)
    .innerJoin(risks, eq(risks.id, riskAcceptances.riskId))
    .innerJoin(riskWorkstreams, eq(riskWorkstreams.riskId, risks.id))
    .where(and(eq(riskAcceptances.state, "approved"), lte(riskAcceptances.decidedAt, endOfDay(asOf)), ne(risks.status, "closed")))
    .groupBy(riskWorkstreams.workstreamId, risks.id, risks.code, risks.title)
    .all();
  return rows.filter((r) => r.expiresOn < asOf);
}

/** Everything the rollup engine needs, for every workstream, as of a date. */
export function loadWorkstreamInputs(db: Reader, ctx: RollupContext): WorkstreamInputs[] {
  // Workstreams as they stood then (lifecycle, override): one created after the date is not there.
  const list = workstreamsAsOf(db, ctx.asOf);
  const ms = group(milestoneSignals(db, ctx.asOf));
  const money = moneyToDate(db, ctx);
  const rs = group(riskSignals(db, ctx));
  const acc = group(expiredAcceptanceSignals(db, ctx.asOf));
  const reports = latestReports(db, ctx.asOf);
  return list.map((w) => {
    const report = reports.get(w.id);
    return {
      id: w.id,
      code: w.code,
      name: w.name,
      lifecycleStatus: w.lifecycleStatus,
      milestones: (ms.get(w.id) ?? []).map(({ workstreamId: _w, ...m }) => m),
      planToDateCents: money.plan(w.id),
      actualToDateCents: money.actual(w.id),
      committedToDateCents: money.committed(w.id),
      risksAboveAppetite: (rs.get(w.id) ?? []).map(({ workstreamId: _w, ...r }) => r),
      expiredAcceptances: (acc.get(w.id) ?? []).map(({ workstreamId: _w, ...a }) => a),
      lastReportSubmittedOn: report?.submittedOn ?? null,
      lastReportPeriod: report?.period ?? null,
      reportedRag: report?.rag ?? null,
      override: w.override,
    };
  });
}
