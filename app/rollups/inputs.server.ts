import { and, eq, gt, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { asOfInstant } from "~/history/as-of.server";
import { milestoneBaselines, milestones, statusReports, workstreams } from "#db/schema";
import type { Rag, RiskLevel } from "#db/schema/enums";
import { daysBetween } from "~/money/fiscal";
import { expiredAcceptancesByWorkstream, risksAboveAppetiteByWorkstream } from "~/figures/risks.server";
import type { RiskMatrix } from "~/risks/matrix";
import { moneyBy } from "~/figures/money.server";
import type { ExpiredAcceptanceSignal, MilestoneSignal, RiskSignal, WorkstreamInputs } from "./types";

type Reader = Pick<Db, "select" | "all">;
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

/** Linked, not-closed risks above appetite as of the date (app/figures/risks.server.ts: links, status, score, matrix and appetite then). */
export function riskSignals(db: Reader, ctx: RollupContext): Array<RiskSignal & { workstreamId: number }> {
  return risksAboveAppetiteByWorkstream(db, { asOf: ctx.asOf });
}

/** Linked, not-closed risks whose approved acceptances had all run out by the date (app/figures/risks.server.ts). */
export function expiredAcceptanceSignals(db: Reader, asOf: string): Array<ExpiredAcceptanceSignal & { workstreamId: number }> {
  return expiredAcceptancesByWorkstream(db, { asOf });
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
