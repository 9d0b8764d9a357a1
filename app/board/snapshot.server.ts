import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "#db/connection";
import { program } from "#db/schema";
import { milestoneFigures, milestoneFiguresByWorkstream, milestonePredicates, milestonesAsOf as milestoneRowsAsOf } from "~/figures/milestones.server";
import type { Rag, RiskLevel } from "#db/schema/enums";
import { RISK_LEVELS } from "#db/schema/enums";
import { canonicalJson } from "~/audit/canonical-json";
import { compareQuarters, daysBetween, type FiscalQuarter, fiscalQuarterOf, formatQuarter, parseQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import { isAboveAppetite, levelFor } from "~/risks/matrix";
import { computeProgramStatus } from "~/rollups/status.server";
import type { DimensionName, Reason } from "~/rollups/types";
import { getSetting } from "~/settings/settings.server";

/**
 * The figures a board report freezes at publication, computed as of a date
 * from the live tables with SQL aggregates only.
 *
 * As-of rules (so a report for a past quarter reads the same later):
 * - spend: plan to date counts quarters that have ended in full and the
 *   current quarter pro rata by days; actuals and commitments dated on or
 *   before the date.
 * - milestones: the figures layer (app/figures/milestones.server.ts,
 *   docs/figures.md), as of the date, the quarter being the period.
 * - risks: each risk's latest assessment on or before the date; risks closed
 *   by the date are left out. Levels come from the risk matrix in settings.
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
  /** Added with the figures layer; absent from reports published before it. */
  milestonesSlippedOriginal?: number;
  milestonesRebaselined?: number;
  rebaselinesInQuarter?: number;
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
  workstreams: SnapshotWorkstream[];
  health: SnapshotHealth;
  spendSeries: SpendPoint[];
};

const int = (n: number) => sql.raw(String(Math.trunc(n)));

/** Milestones counted as of `asOf` (figures layer): id, done and overdue, for the obligations' linked-milestone counts. */
function milestonesAsOf(db: SnapshotDb, asOf: string): SQLWrapper {
  const m = milestoneRowsAsOf(db, asOf, asOf);
  const p = milestonePredicates(m, asOf);
  return db
    .select({
      id: sql<number>`${m.id}`.as("id"),
      done: sql<number>`case when ${p.done} then 1 else 0 end`.as("done"),
      overdue: sql<number>`case when ${p.overdue} then 1 else 0 end`.as("overdue"),
    })
    .from(m)
    .where(p.live);
}

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

  const milestoneTotals = milestoneFigures(db, { asOf: asOfDate, periodStart: qStart });
  const byWs = milestoneFiguresByWorkstream(db, { asOf: asOfDate, periodStart: qStart });

  const wsSpend = db.all<{ id: number; code: string; name: string; plan_to_date: number; actual: number }>(sql`
    select w.id, w.code, w.name,
      (select ${planToDate} from budget_lines bl where bl.workstream_id = w.id) as plan_to_date,
      (select coalesce(sum(a.amount_cents), 0) from actuals a where a.workstream_id = w.id and a.date <= ${asOfDate}) as actual
    from workstreams w where substr(w.created_at, 1, 10) <= ${asOfDate} order by w.code`);

  const matrix = getSetting(db, "risk_matrix");
  const cells = db.all<{ l: number; i: number; n: number }>(sql`
    select ra.likelihood as l, ra.impact as i, count(*) as n
    from risk_assessments ra join risks r on r.id = ra.risk_id
    where ra.id = (
      select ra2.id from risk_assessments ra2 where ra2.risk_id = ra.risk_id and ra2.assessed_on <= ${asOfDate}
      order by ra2.assessed_on desc, ra2.id desc limit 1)
      and not (r.status = 'closed' and substr(r.updated_at, 1, 10) <= ${asOfDate})
    group by ra.likelihood, ra.impact order by ra.likelihood, ra.impact`);
  const byLevel = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  let scoreSum = 0;
  let aboveAppetite = 0;
  for (const c of cells) {
    const level = levelFor(matrix, c.l, c.i);
    byLevel[level] += c.n;
    scoreSum += c.l * c.i * c.n;
    if (isAboveAppetite(level, prog.riskAppetite)) aboveAppetite += c.n;
  }

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
    with ms as ${milestonesAsOf(db, asOfDate)}
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
      (select count(*) from obligation_milestones om join ms on ms.id = om.milestone_id where om.obligation_id = o.id and ms.overdue) as linked_overdue
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
    programme: { name: prog.name, currency: prog.currency, riskAppetite: prog.riskAppetite },
    spend: {
      planToDateCents: spend.plan_to_date,
      actualToDateCents: spend.actual,
      committedToDateCents: spend.committed,
      totalPlanCents: spend.total_plan,
      quarterPlanCents: spend.quarter_plan,
      quarterActualCents: spend.quarter_actual,
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
    risks: { count: cells.reduce((s, c) => s + c.n, 0), byLevel, scoreSum, aboveAppetite },
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
