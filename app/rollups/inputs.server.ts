import { and, eq, gt, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { asOfInstant } from "~/history/as-of.server";
import { milestoneBaselines, milestones, riskAcceptances, riskAssessments, risks, riskWorkstreams, statusReports, workstreams } from "#db/schema";
import type { Rag, RiskLevel } from "#db/schema/enums";
import { daysBetween } from "~/money/fiscal";
import { isAboveAppetite, levelFor, type RiskMatrix } from "~/risks/matrix";
import { moneyBy } from "~/figures/money.server";
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

/**
 * The milestones that can produce a schedule reason, as they stood on the
 * as-of date: open then (not done by that date, not cancelled) and either
 * later than their baseline or past due. The baseline is the one in force on
 * that date (from the re-baseline history). Forecasts have no history, so the
 * current forecast is used (docs/rollups.md).
 */
export function milestoneSignals(db: Reader, asOf: string): Array<MilestoneSignal & { workstreamId: number }> {
  const baselineThen = sql<string>`coalesce((select ${milestoneBaselines.previousDate} from ${milestoneBaselines} where ${milestoneBaselines.milestoneId} = ${milestones.id} and ${milestoneBaselines.changedAt} > ${endOfDay(asOf)} order by ${milestoneBaselines.changedAt} asc limit 1), ${milestones.baselineDate})`;
  const due = sql<string>`coalesce(${milestones.forecastDate}, ${milestones.baselineDate})`;
  const rows = db
    .select({
      id: milestones.id,
      workstreamId: milestones.workstreamId,
      code: milestones.code,
      title: milestones.title,
      baseline: baselineThen,
      due,
      criticalPath: milestones.criticalPath,
    })
    .from(milestones)
    .where(
      and(
        ne(milestones.status, "cancelled"),
        or(isNull(milestones.actualDate), gt(milestones.actualDate, asOf)),
        or(sql`${due} > ${baselineThen}`, sql`${due} < ${asOf}`),
      ),
    )
    .all();
  return rows.map((r) => ({
    id: r.id,
    workstreamId: r.workstreamId,
    code: r.code,
    title: r.title,
    criticalPath: r.criticalPath,
    slipDays: Math.max(0, daysBetween(r.baseline, r.due)),
    overdueDays: r.due < asOf ? daysBetween(r.due, asOf) : 0,
  }));
}

/** The cost signal per workstream: the money figures as of the date (docs/figures.md#money), one grouped query. */
function moneyToDate(db: Reader, ctx: RollupContext) {
  const by = moneyBy(db, "workstream", { asOf: ctx.asOf });
  return {
    plan: (id: number) => by.get(id)?.planToDateCents ?? 0,
    actual: (id: number) => by.get(id)?.actualCents ?? 0,
    committed: (id: number) => by.get(id)?.committedCents ?? 0,
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

/** The latest submitted status report of each workstream as of the date. */
function lastReports(db: Reader, asOf: string) {
  const rows = db
    .select({
      workstreamId: statusReports.workstreamId,
      period: statusReports.period,
      revision: statusReports.revision,
      submittedAt: statusReports.submittedAt,
      rag: statusReports.ragOverall,
    })
    .from(statusReports)
    .where(and(eq(statusReports.state, "submitted"), lte(statusReports.submittedAt, endOfDay(asOf))))
    .orderBy(statusReports.workstreamId, statusReports.period, statusReports.revision)
    .all();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.workstreamId, r);
  return latest;
}

/** Everything the rollup engine needs, for every workstream, as of a date. */
export function loadWorkstreamInputs(db: Reader, ctx: RollupContext): WorkstreamInputs[] {
  const list = db.select().from(workstreams).orderBy(workstreams.code).all();
  const closesAsOfDay = asOfInstant(db, ctx.asOf);
  const ms = group(milestoneSignals(db, ctx.asOf));
  const money = moneyToDate(db, ctx);
  const rs = group(riskSignals(db, ctx));
  const acc = group(expiredAcceptanceSignals(db, ctx.asOf));
  const reports = lastReports(db, ctx.asOf);
  return list.map((w) => {
    const report = reports.get(w.id);
    // Overrides have no history: one applies to dates from the day it was last set until it expires.
    const override =
      w.ragOverride && w.ragOverrideReason && w.ragOverrideExpiresOn && w.updatedAt < closesAsOfDay
        ? { rag: w.ragOverride as Rag, reason: w.ragOverrideReason, expiresOn: w.ragOverrideExpiresOn }
        : null;
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
      lastReportSubmittedOn: report?.submittedAt?.slice(0, 10) ?? null,
      lastReportPeriod: report?.period ?? null,
      reportedRag: (report?.rag as Rag | undefined) ?? null,
      override,
    };
  });
}
