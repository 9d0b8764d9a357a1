import { and, eq, type SQL, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "#db/connection";
import type { MilestoneStatus } from "#db/schema/enums";
import { milestoneBaselines, milestoneHistory, milestones, program } from "#db/schema";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";
import { addDays, daysBetween, fiscalQuarterOf, quarterBounds } from "~/money/fiscal";
import { memoFigure } from "./memo.server";

/**
 * Milestone figures (docs/figures.md, "Milestones and schedule"): the one
 * place that says what total, done, open, slipped, overdue and re-baselined
 * mean. Every view (dashboard, /milestones, workstream pages, the API, CSV,
 * the board snapshot, the rollup engine's schedule dimension) reads these.
 *
 * A milestone "as of D" is its version in milestone_history in force at the
 * instant closing D: created after D it does not exist; cancelled by D it is
 * left out of every count (it is no longer a commitment).
 */
type Reader = Pick<Db, "select">;

export type MilestoneScope = {
  asOf: string;
  workstreamId?: number;
  /** Start (YYYY-MM-DD) of the period whose re-baselines and completions are counted; the as-of date's fiscal quarter by default. */
  periodStart?: string;
};

type DateColumns = { status: SQLWrapper; baselineDate: SQLWrapper; forecastDate: SQLWrapper; actualDate: SQLWrapper };

/** The date a milestone is (or was) expected: actual, else forecast, else baseline. */
function expectedOf(c: Omit<DateColumns, "status">): SQL {
  return sql`coalesce(${c.actualDate}, ${c.forecastDate}, ${c.baselineDate})`;
}

/**
 * Slipped: not cancelled and expected after its baseline in force. The one
 * definition, over any columns holding a milestone's dates: the as-of
 * figures apply it to the history in force, the pages that list linked
 * milestones (risks, obligations) to the current row, which is the version
 * in force today.
 */
export function slippedSql(c: DateColumns): SQL {
  return sql`(${c.status} <> 'cancelled' and ${expectedOf(c)} > ${c.baselineDate})`;
}

/** Each milestone as it stood at the end of `asOf`, with the derived dates every figure is defined on. */
export function milestonesAsOf(db: Reader, asOf: string, periodStart: string) {
  const at = asOfInstant(db, asOf);
  // The period opens at the end of the day before it starts, i.e. at its first local midnight.
  const from = asOfInstant(db, addDays(periodStart, -1));
  const h = milestoneHistory;
  const due = sql`coalesce(${h.forecastDate}, ${h.baselineDate})`;
  return db
    .select({
      // Aliased apart from the live table's column names: the outer queries join milestones and workstreams.
      id: sql<number>`${h.milestoneId}`.as("m_id"),
      workstreamId: sql<number>`${h.workstreamId}`.as("m_workstream_id"),
      status: sql<MilestoneStatus>`${h.status}`.as("m_status"),
      baselineDate: sql<string>`${h.baselineDate}`.as("m_baseline_date"),
      originalBaselineDate: sql<string>`coalesce(${milestones.originalBaselineDate}, ${h.baselineDate})`.as("m_original_baseline_date"),
      forecastDate: sql<string | null>`${h.forecastDate}`.as("m_forecast_date"),
      actualDate: sql<string | null>`${h.actualDate}`.as("m_actual_date"),
      criticalPath: sql<number>`${h.criticalPath}`.as("m_critical_path"),
      weight: sql<number>`${h.weight}`.as("m_weight"),
      /** When an open milestone is due: its forecast, or its baseline when nobody forecast it. */
      dueDate: sql<string>`${due}`.as("m_due_date"),
      /** When it is (or was) expected: its actual date, else its forecast, else its baseline. */
      expectedDate: sql<string>`${expectedOf({ baselineDate: h.baselineDate, forecastDate: h.forecastDate, actualDate: h.actualDate })}`.as("m_expected_date"),
      rebaselines:
        sql<number>`(select count(*) from ${milestoneBaselines} where ${milestoneBaselines.milestoneId} = ${h.milestoneId} and ${milestoneBaselines.changedAt} < ${at})`.as(
          "m_rebaselines",
        ),
      rebaselinesInPeriod:
        sql<number>`(select count(*) from ${milestoneBaselines} where ${milestoneBaselines.milestoneId} = ${h.milestoneId} and ${milestoneBaselines.changedAt} >= ${from} and ${milestoneBaselines.changedAt} < ${at})`.as(
          "m_rebaselines_in_period",
        ),
    })
    .from(h)
    .innerJoin(milestones, eq(milestones.id, h.milestoneId))
    .where(inForceAt(h, at))
    .as("m");
}

export type MilestonesAsOf = ReturnType<typeof milestonesAsOf>;

/** The one definition of each milestone predicate, over `milestonesAsOf`. */
export function milestonePredicates(m: MilestonesAsOf, asOf: string) {
  const live = sql`${m.status} <> 'cancelled'`;
  const open = sql`${m.status} in ('not_started', 'in_progress')`;
  return {
    /** Counted at all: exists as of D and not cancelled by then. */
    live,
    cancelled: sql`${m.status} = 'cancelled'`,
    done: sql`${m.status} = 'done'`,
    open,
    /** Expected (actual, else forecast, else baseline) after the baseline in force. */
    slipped: slippedSql(m),
    /** Later than the first baseline ever set: a re-baseline cannot hide this one. */
    slippedOriginal: sql`(${live} and ${m.expectedDate} > ${m.originalBaselineDate})`,
    /** Open and its due date (forecast, else baseline) is before D. */
    overdue: sql`(${open} and ${m.dueDate} < ${asOf})`,
    /** Its baseline has been moved at least once by D. */
    rebaselined: sql`(${live} and ${m.rebaselines} > 0)`,
    dueWithin: (days: number) => sql`(${open} and ${m.dueDate} >= ${asOf} and ${m.dueDate} <= ${addDays(asOf, days)})`,
    /** Done with its actual date in [period start, D]. */
    doneSince: (start: string) => sql`(${m.status} = 'done' and ${m.actualDate} >= ${start} and ${m.actualDate} <= ${asOf})`,
  };
}

/** The period re-baselines and completions are counted in: the fiscal quarter containing the as-of date, unless given. */
export function defaultPeriodStart(db: Reader, asOf: string): string {
  // Before a programme exists (a fresh install) fiscal years are calendar years.
  const fy = db.select({ month: program.fiscalYearStartMonth }).from(program).limit(1).get()?.month ?? 1;
  return quarterBounds(fiscalQuarterOf(asOf, fy), fy).start;
}

export type MilestoneFigures = {
  total: number;
  done: number;
  open: number;
  cancelled: number;
  slipped: number;
  slippedOriginal: number;
  overdue: number;
  rebaselined: number;
  rebaselinesInPeriod: number;
  due30: number;
  due90: number;
  doneInPeriod: number;
};

const count = (cond: SQL) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

function figureColumns(m: MilestonesAsOf, asOf: string, periodStart: string) {
  const p = milestonePredicates(m, asOf);
  return {
    total: count(p.live),
    done: count(p.done),
    open: count(p.open),
    cancelled: count(p.cancelled),
    slipped: count(p.slipped),
    slippedOriginal: count(p.slippedOriginal),
    overdue: count(p.overdue),
    rebaselined: count(p.rebaselined),
    rebaselinesInPeriod: sql<number>`coalesce(sum(case when ${p.live} then ${m.rebaselinesInPeriod} else 0 end), 0)`,
    due30: count(p.dueWithin(30)),
    due90: count(p.dueWithin(90)),
    doneInPeriod: count(p.doneSince(periodStart)),
  };
}

const toNumbers = (row: Record<string, unknown> | undefined): MilestoneFigures => {
  const n = (k: keyof MilestoneFigures) => Number(row?.[k] ?? 0);
  return {
    total: n("total"),
    done: n("done"),
    open: n("open"),
    cancelled: n("cancelled"),
    slipped: n("slipped"),
    slippedOriginal: n("slippedOriginal"),
    overdue: n("overdue"),
    rebaselined: n("rebaselined"),
    rebaselinesInPeriod: n("rebaselinesInPeriod"),
    due30: n("due30"),
    due90: n("due90"),
    doneInPeriod: n("doneInPeriod"),
  };
};

/** Every milestone figure for the programme (or one workstream) as of D, in one aggregate query. */
function milestoneFiguresUncached(db: Reader, scope: MilestoneScope): MilestoneFigures {
  const periodStart = scope.periodStart ?? defaultPeriodStart(db, scope.asOf);
  const m = milestonesAsOf(db, scope.asOf, periodStart);
  const row = db
    .select(figureColumns(m, scope.asOf, periodStart))
    .from(m)
    .where(scope.workstreamId === undefined ? undefined : eq(m.workstreamId, scope.workstreamId))
    .get();
  return toNumbers(row);
}

/** The same figures per workstream (one grouped query); a workstream without milestones then is absent. */
function milestoneFiguresByWorkstreamUncached(db: Reader, scope: MilestoneScope): Map<number, MilestoneFigures> {
  const periodStart = scope.periodStart ?? defaultPeriodStart(db, scope.asOf);
  const m = milestonesAsOf(db, scope.asOf, periodStart);
  const rows = db
    .select({ workstreamId: m.workstreamId, ...figureColumns(m, scope.asOf, periodStart) })
    .from(m)
    .where(scope.workstreamId === undefined ? undefined : eq(m.workstreamId, scope.workstreamId))
    .groupBy(sql`${m.workstreamId}`)
    .all();
  return new Map(rows.map((r) => [r.workstreamId, toNumbers(r)]));
}

export const NO_MILESTONES: MilestoneFigures = toNumbers(undefined);

/** Slip of one milestone in days (positive late, negative early), against the baseline in force and the original one. */
export function slipOf(m: { expectedDate: string; baselineDate: string; originalBaselineDate: string; status: string }) {
  if (m.status === "cancelled") return { slipDays: 0, slipDaysOriginal: 0 };
  return { slipDays: daysBetween(m.baselineDate, m.expectedDate), slipDaysOriginal: daysBetween(m.originalBaselineDate, m.expectedDate) };
}

/**
 * The milestones that give the schedule dimension its reasons, as of D: open
 * and slipped or overdue (the same predicates as the counts), with the days
 * the forecast is past the baseline in force and the days past due.
 */
/** `workstreamId` narrows to one workstream (its detail page), the same rows the whole-programme call gives it. */
export function scheduleSignals(db: Reader, asOf: string, workstreamId?: number) {
  const m = milestonesAsOf(db, asOf, defaultPeriodStart(db, asOf));
  const p = milestonePredicates(m, asOf);
  const rows = db
    .select({
      id: m.id,
      workstreamId: m.workstreamId,
      code: milestones.code,
      title: milestones.title,
      criticalPath: m.criticalPath,
      baselineDate: m.baselineDate,
      dueDate: m.dueDate,
    })
    .from(m)
    .innerJoin(milestones, eq(milestones.id, m.id))
    .where(and(p.open, sql`(${p.slipped} or ${p.overdue})`, workstreamId === undefined ? undefined : sql`${m.workstreamId} = ${workstreamId}`))
    // In the order milestones were created, so reasons (and the first one shown) are stable.
    .orderBy(sql`${m.id}`)
    .all();
  return rows.map((r) => ({
    id: r.id,
    workstreamId: r.workstreamId,
    code: r.code,
    title: r.title,
    criticalPath: Boolean(r.criticalPath),
    // How far the forecast is past the baseline; time past due is told apart as overdueDays.
    slipDays: Math.max(0, daysBetween(r.baselineDate, r.dueDate)),
    overdueDays: r.dueDate < asOf ? daysBetween(r.dueDate, asOf) : 0,
  }));
}

export const milestoneFigures = memoFigure("milestoneFigures", milestoneFiguresUncached);

export const milestoneFiguresByWorkstream = memoFigure("milestoneFiguresByWorkstream", milestoneFiguresByWorkstreamUncached);
