import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestoneBaselines, program } from "#db/schema";
import type { Rag, RiskLevel } from "#db/schema/enums";
import { canonicalJson } from "~/audit/canonical-json";
import { compareQuarters, daysBetween, type FiscalQuarter, fiscalQuarterOf, formatQuarter, parseQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import { riskSummary } from "~/figures/risks.server";
import { appetiteAsOf } from "~/figures/settings.server";
import { computeProgramStatus } from "~/rollups/status.server";
import type { DimensionName, Reason } from "~/rollups/types";

/**
 * The figures a board report freezes at publication, computed as of a date
 * from the live tables with SQL aggregates only.
 *
 * As-of rules (so a report for a past quarter reads the same later):
 * - spend: plan to date counts quarters that have ended in full and the
 *   current quarter pro rata by days; actuals and commitments dated on or
 *   before the date.
 * - milestones: those created by the date, less those cancelled by it. Done =
 *   actual date on or before the date. The baseline is the one in force on the
 *   date (from the re-baseline history). Slipped = done after its baseline, or
 *   open and either past its baseline or with a forecast past it that had been
 *   recorded by the date (updated_at). Overdue = open past its baseline.
 * - risks: the risk summary of app/figures/risks.server.ts as of the date
 *   (risks not closed then, scored by their latest assessment by then, on the
 *   matrix and against the appetite in force then).
 * - obligations: those recorded by the date. Spend ones count tagged actuals
 *   in their window up to the date; measures are judged on their milestones.
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
};

/** The programme's explained RAG as of the date (app/rollups), frozen with the figures. */
export type SnapshotHealth = {
  overall: Rag;
  reasons: Reason[];
  dimensions: Record<DimensionName, Rag>;
  workstreams: Array<{ code: string; name: string; overall: Rag; override: boolean } & Record<DimensionName, Rag>>;
};

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
  milestones: { total: number; done: number; open: number; slipped: number; overdue: number; doneInQuarter: number };
  risks: { count: number; byLevel: Record<RiskLevel, number>; scoreSum: number; aboveAppetite: number };
  obligations: SnapshotObligation[];
  workstreams: SnapshotWorkstream[];
  health: SnapshotHealth;
  spendSeries: SpendPoint[];
};

const int = (n: number) => sql.raw(String(Math.trunc(n)));

/** Milestones as they stood on `asOf`, with the baseline then in force and whether they were done. */
function milestonesAsOf(asOf: string): SQL {
  return sql`
    select m.id, m.workstream_id, m.actual_date, m.baseline, (m.actual_date is not null and m.actual_date <= ${asOf}) as done,
      -- the current forecast counts only if it had been recorded by the date (a later re-plan is not history)
      case when m.actual_date is null and substr(m.updated_at, 1, 10) <= ${asOf} then m.forecast_date end as known_forecast
    from (
      select m.*, coalesce((
        select ${milestoneBaselines.previousDate} from ${milestoneBaselines}
        where ${milestoneBaselines.milestoneId} = m.id and substr(${milestoneBaselines.changedAt}, 1, 10) > ${asOf}
        order by ${milestoneBaselines.changedAt}, ${milestoneBaselines.id} limit 1
      ), m.baseline_date) as baseline
      from milestones m
      where substr(m.created_at, 1, 10) <= ${asOf}
        and not (m.status = 'cancelled' and substr(m.updated_at, 1, 10) <= ${asOf})
    ) m`;
}

type MilestoneCounts = { workstream_id: number; total: number; done: number; open: number; slipped: number; overdue: number; done_in_quarter: number };

export function buildQuarterSnapshot(db: SnapshotDb, quarter: string, asOfDate: string): QuarterSnapshot {
  const q = parseQuarter(quarter);
  if (!q) throw new RangeError(`Not a fiscal quarter: ${quarter}`);
  const prog = db.select().from(program).limit(1).get();
  if (!prog) throw new Error("No programme to snapshot");
  const fyStart = prog.fiscalYearStartMonth;
  const qStart = quarterBounds(q, fyStart).start;

  // The quarter the as-of date falls in counts pro rata by elapsed days.
  const cur = fiscalQuarterOf(asOfDate, fyStart);
  const curBounds = quarterBounds(cur, fyStart);
  const key = int(cur.fiscalYear * 4 + cur.quarter);
  const elapsed = int(daysBetween(curBounds.start, asOfDate) + 1);
  const length = int(daysBetween(curBounds.start, curBounds.end) + 1);
  const planToDate = sql`coalesce(sum(case when bl.fiscal_year * 4 + bl.quarter < ${key} then bl.amount_cents when bl.fiscal_year * 4 + bl.quarter = ${key} then bl.amount_cents * ${elapsed} / ${length} else 0 end), 0)`;
  const qKey = int(q.fiscalYear * 4 + q.quarter);

  const spend = db.get<{ plan_to_date: number; total_plan: number; quarter_plan: number; actual: number; quarter_actual: number; committed: number }>(sql`
    select
      (select ${planToDate} from budget_lines bl) as plan_to_date,
      (select coalesce(sum(amount_cents), 0) from budget_lines) as total_plan,
      (select coalesce(sum(amount_cents), 0) from budget_lines where fiscal_year * 4 + quarter = ${qKey}) as quarter_plan,
      (select coalesce(sum(amount_cents), 0) from actuals where date <= ${asOfDate}) as actual,
      (select coalesce(sum(amount_cents), 0) from actuals where date >= ${qStart} and date <= ${asOfDate}) as quarter_actual,
      (select coalesce(sum(amount_cents), 0) from commitments where date <= ${asOfDate}) as committed`);

  const perWorkstreamMilestones = db.all<MilestoneCounts>(sql`
    select workstream_id, count(*) as total, coalesce(sum(done), 0) as done, coalesce(sum(1 - done), 0) as open,
      coalesce(sum(case when done then actual_date > baseline else (baseline < ${asOfDate} or coalesce(known_forecast, baseline) > baseline) end), 0) as slipped,
      coalesce(sum(case when not done and baseline < ${asOfDate} then 1 else 0 end), 0) as overdue,
      coalesce(sum(case when done and actual_date >= ${qStart} then 1 else 0 end), 0) as done_in_quarter
    from (${milestonesAsOf(asOfDate)}) group by workstream_id`);
  const byWs = new Map(perWorkstreamMilestones.map((r) => [r.workstream_id, r]));
  const total = (k: keyof Omit<MilestoneCounts, "workstream_id">) => perWorkstreamMilestones.reduce((s, r) => s + r[k], 0);

  const wsSpend = db.all<{ id: number; code: string; name: string; plan_to_date: number; actual: number }>(sql`
    select w.id, w.code, w.name,
      (select ${planToDate} from budget_lines bl where bl.workstream_id = w.id) as plan_to_date,
      (select coalesce(sum(a.amount_cents), 0) from actuals a where a.workstream_id = w.id and a.date <= ${asOfDate}) as actual
    from workstreams w where substr(w.created_at, 1, 10) <= ${asOfDate} order by w.code`);

  const risks = riskSummary(db, { asOf: asOfDate });

  const obligationRows = db.all<{
    code: string;
    title: string;
    source: string;
    kind: string;
    due_date: string | null;
    status: string;
    target_cents: number | null;
    window_start: string | null;
    window_end: string | null;
    counted: number | null;
    linked: number;
    linked_done: number;
    linked_overdue: number;
  }>(sql`
    with ms as (${milestonesAsOf(asOfDate)})
    select o.code, o.title, o.source, o.kind, o.due_date, o.status, o.target_cents, o.window_start, o.window_end,
      case when o.kind = 'spend' then (
        select coalesce(sum(a.amount_cents), 0) from actuals a
        where a.date >= o.window_start and a.date <= o.window_end and a.date <= ${asOfDate}
          and (o.spend_tag is null or exists (select 1 from actual_tags t where t.actual_id = a.id and t.tag = o.spend_tag))
          and (o.spend_category is null or a.category = o.spend_category)
          and (not exists (select 1 from obligation_workstreams ow where ow.obligation_id = o.id)
               or exists (select 1 from obligation_workstreams ow where ow.obligation_id = o.id and ow.workstream_id = a.workstream_id))
      ) end as counted,
      (select count(*) from obligation_milestones om join ms on ms.id = om.milestone_id where om.obligation_id = o.id) as linked,
      (select count(*) from obligation_milestones om join ms on ms.id = om.milestone_id where om.obligation_id = o.id and ms.done) as linked_done,
      (select count(*) from obligation_milestones om join ms on ms.id = om.milestone_id where om.obligation_id = o.id and not ms.done and ms.baseline < ${asOfDate}) as linked_overdue
    from obligations o where substr(o.created_at, 1, 10) <= ${asOfDate} order by o.code`);

  const obligations: SnapshotObligation[] = obligationRows.map((o) => ({
    code: o.code,
    title: o.title,
    source: o.source,
    kind: o.kind,
    dueDate: o.due_date,
    status:
      o.kind === "spend"
        ? spendStatus(o.target_cents ?? 0, o.counted ?? 0, o.window_start ?? asOfDate, o.window_end ?? asOfDate, asOfDate)
        : measureStatus(o, asOfDate),
    targetCents: o.target_cents,
    countedCents: o.kind === "spend" ? (o.counted ?? 0) : null,
    windowStart: o.window_start,
    windowEnd: o.window_end,
    milestonesTotal: o.linked,
    milestonesDone: o.linked_done,
  }));

  return {
    quarter,
    asOfDate,
    health: healthAsOf(db, asOfDate),
    spendSeries: spendSeries(db, prog.startFiscalYear, q, fyStart, asOfDate),
    programme: { name: prog.name, currency: prog.currency, riskAppetite: appetiteAsOf(db, asOfDate) },
    spend: {
      planToDateCents: spend.plan_to_date,
      actualToDateCents: spend.actual,
      committedToDateCents: spend.committed,
      totalPlanCents: spend.total_plan,
      quarterPlanCents: spend.quarter_plan,
      quarterActualCents: spend.quarter_actual,
    },
    milestones: {
      total: total("total"),
      done: total("done"),
      open: total("open"),
      slipped: total("slipped"),
      overdue: total("overdue"),
      doneInQuarter: total("done_in_quarter"),
    },
    risks: { count: risks.count, byLevel: risks.byLevel, scoreSum: risks.scoreSum, aboveAppetite: risks.aboveAppetite },
    obligations,
    workstreams: wsSpend.map((w) => {
      const m = byWs.get(w.id);
      return {
        code: w.code,
        name: w.name,
        planToDateCents: w.plan_to_date,
        actualToDateCents: w.actual,
        milestonesDone: m?.done ?? 0,
        milestonesOpen: m?.open ?? 0,
        milestonesSlipped: m?.slipped ?? 0,
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
    })),
  };
}

/** One aggregate query per quarter (a few dozen at most), never a loop over rows. */
function spendSeries(db: SnapshotDb, startFiscalYear: number, last: FiscalQuarter, fyStart: number, asOfDate: string): SpendPoint[] {
  const first: FiscalQuarter = { fiscalYear: startFiscalYear, quarter: 1 };
  if (compareQuarters(first, last) > 0) return [];
  return quarterRange(first, last).map((q) => {
    const end = quarterBounds(q, fyStart).end;
    const upTo = end < asOfDate ? end : asOfDate;
    const row = db.get<{ plan: number; actual: number; committed: number }>(sql`
      select
        (select coalesce(sum(amount_cents), 0) from budget_lines where fiscal_year * 4 + quarter <= ${int(q.fiscalYear * 4 + q.quarter)}) as plan,
        (select coalesce(sum(amount_cents), 0) from actuals where date <= ${upTo}) as actual,
        (select coalesce(sum(amount_cents), 0) from commitments where date <= ${upTo}) as committed`);
    return { quarter: formatQuarter(q), planCents: row.plan, actualCents: row.actual, committedCents: row.committed };
  });
}

function spendStatus(target: number, counted: number, start: string, end: string, asOf: string): string {
  if (asOf < start) return "not_started";
  if (counted >= target) return "met";
  if (asOf > end) return "missed";
  const pace = Math.floor((target * daysBetween(start, asOf)) / Math.max(1, daysBetween(start, end)));
  return counted * 10 < pace * 8 ? "at_risk" : "in_progress";
}

function measureStatus(o: { status: string; due_date: string | null; linked: number; linked_done: number; linked_overdue: number }, asOf: string): string {
  if (o.linked === 0) return o.status;
  if (o.linked_overdue > 0) return "at_risk";
  if (o.linked_done === o.linked && (o.due_date === null || o.due_date <= asOf)) return "met";
  return o.linked_done > 0 ? "in_progress" : "not_started";
}

/** SHA-256 (hex) of the snapshot's canonical JSON: the content hash a published report carries. */
export function hashSnapshot(snapshot: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(snapshot))));
}
