import type { Db } from "#db/connection";
import { scheduleSignals } from "~/figures/milestones.server";
import { latestReports } from "~/figures/reports.server";
import { workstreamsAsOf } from "~/figures/workstreams.server";
import type { RiskLevel } from "#db/schema/enums";
import { expiredAcceptancesByWorkstream, risksAboveAppetiteByWorkstream } from "~/figures/risks.server";
import type { RiskMatrix } from "~/risks/matrix";
import { moneyBy } from "~/figures/money.server";
import { outcomeSignalsByWorkstream } from "~/figures/measures.server";
import type { ExpiredAcceptanceSignal, MilestoneSignal, RiskSignal, WorkstreamInputs } from "./types";

type Reader = Pick<Db, "select" | "all">;
export type RollupContext = { asOf: string; fyStartMonth: number; matrix: RiskMatrix; appetite: RiskLevel };

function group<T extends { workstreamId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.workstreamId);
    if (list) list.push(r);
    else map.set(r.workstreamId, [r]);
  }
  return map;
}

/** The milestones that can produce a schedule reason, as of the date: defined once in the figures layer. */
export function milestoneSignals(db: Reader, asOf: string, workstreamId?: number): Array<MilestoneSignal & { workstreamId: number }> {
  return scheduleSignals(db, asOf, workstreamId);
}

/** The cost signal per workstream: the money figures as of the date (docs/figures.md#money), one grouped query. */
function moneyToDate(db: Reader, ctx: RollupContext, workstreamId?: number) {
  const by = moneyBy(db, "workstream", { asOf: ctx.asOf, workstreamId });
  return {
    plan: (id: number) => by.get(id)?.planToDateCents ?? 0,
    actual: (id: number) => by.get(id)?.actualCents ?? 0,
    committed: (id: number) => by.get(id)?.committedCents ?? 0,
  };
}

/** Linked, not-closed risks above appetite as of the date (app/figures/risks.server.ts: links, status, score, matrix and appetite then). */
export function riskSignals(db: Reader, ctx: RollupContext, workstreamId?: number): Array<RiskSignal & { workstreamId: number }> {
  return risksAboveAppetiteByWorkstream(db, { asOf: ctx.asOf, workstreamId });
}

/** Linked, not-closed risks whose approved acceptances had all run out by the date (app/figures/risks.server.ts). */
export function expiredAcceptanceSignals(db: Reader, asOf: string, workstreamId?: number): Array<ExpiredAcceptanceSignal & { workstreamId: number }> {
  return expiredAcceptancesByWorkstream(db, { asOf, workstreamId });
}

/**
 * Everything the rollup engine needs, for every workstream as of a date, or
 * for the one workstream `only` (its detail page): the same queries narrowed
 * to it, so one workstream's status never costs the whole programme's.
 */
export function loadWorkstreamInputs(db: Reader, ctx: RollupContext, only?: number): WorkstreamInputs[] {
  // Workstreams as they stood then (lifecycle, override): one created after the date is not there.
  const list = workstreamsAsOf(db, ctx.asOf, only);
  const ms = group(milestoneSignals(db, ctx.asOf, only));
  const money = moneyToDate(db, ctx, only);
  const rs = group(riskSignals(db, ctx, only));
  const acc = group(expiredAcceptanceSignals(db, ctx.asOf, only));
  const reports = latestReports(db, ctx.asOf, only);
  const outcomes = group(outcomeSignalsByWorkstream(db, ctx.asOf));
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
      outcomes: (outcomes.get(w.id) ?? []).map(({ workstreamId: _w, ...o }) => o),
      lastReportSubmittedOn: report?.submittedOn ?? null,
      lastReportPeriod: report?.period ?? null,
      reportedRag: report?.rag ?? null,
      override: w.override,
    };
  });
}
