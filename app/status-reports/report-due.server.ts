import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { statusReports, users, workstreams } from "#db/schema";
import { fiscalYearBounds } from "~/money/fiscal";
import { memoFigure } from "~/figures/memo.server";
import { getProgram } from "~/settings/settings.server";

type Reader = Pick<Db, "select">;

/** The month after `period` (YYYY-MM). */
export function nextMonth(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * The month whose report a workstream owes: the month after its latest
 * submitted report, or its first month (not before the programme's) when it
 * has none, and never after the current month. A month's report is written
 * once the month is over (the demo files it in the first days of the next),
 * so `overdue` says the month has ended and its report is still missing.
 */
export function dueMonthOf(w: { lastSubmitted: string | null; startMonth: string }, programFirstMonth: string, currentMonth: string) {
  const first = w.startMonth > programFirstMonth ? w.startMonth : programFirstMonth;
  const candidate = w.lastSubmitted ? nextMonth(w.lastSubmitted) : first;
  const month = candidate < currentMonth ? candidate : currentMonth;
  return { month, overdue: month < currentMonth };
}

export type ReportDue = {
  workstreamId: number;
  code: string;
  name: string;
  ownerId: number | null;
  ownerName: string | null;
  month: string;
  overdue: boolean;
  /** The draft already started for that month, if any: the link goes there instead of to a new form. */
  draftId: number | null;
};

export type ReportDueScope = { ownerId?: number; workstreamId?: number; overdueOnly?: boolean; limit?: number };

/** The month before `period` (YYYY-MM). */
export function previousMonth(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

function dueQuery(db: Reader, today: string, scope: ReportDueScope) {
  const prog = getProgram(db);
  const programFirst = fiscalYearBounds(prog.startFiscalYear, prog.fiscalYearStartMonth).start.slice(0, 7);
  const current = today.slice(0, 7);
  const lastSubmitted = max(statusReports.period);
  const startMonth = sql<string>`substr(${workstreams.startDate}, 1, 7)`;
  // dueMonthOf's "overdue", in SQL so the CISO office's list is counted and cut in the database.
  const overdue = sql`((${lastSubmitted} is null and ${startMonth} < ${current} and ${programFirst} < ${current}) or ${lastSubmitted} < ${previousMonth(current)})`;
  const base = db
    .select({
      id: workstreams.id,
      code: workstreams.code,
      name: workstreams.name,
      ownerId: workstreams.ownerId,
      ownerName: users.name,
      startMonth,
      lastSubmitted,
    })
    .from(workstreams)
    .leftJoin(users, eq(users.id, workstreams.ownerId))
    .leftJoin(
      statusReports,
      and(eq(statusReports.workstreamId, workstreams.id), eq(statusReports.state, "submitted"), sql`${statusReports.period} <= ${current}`),
    )
    .where(
      and(
        eq(workstreams.lifecycleStatus, "active"),
        scope.ownerId === undefined ? undefined : eq(workstreams.ownerId, scope.ownerId),
        scope.workstreamId === undefined ? undefined : eq(workstreams.id, scope.workstreamId),
      ),
    )
    .groupBy(workstreams.id, workstreams.code, workstreams.name, workstreams.ownerId, users.name, workstreams.startDate)
    .having(scope.overdueOnly ? overdue : undefined)
    .$dynamic();
  return { base, programFirst, current };
}

/** How many active workstreams (in scope) owe a report for a month that has ended. */
function countReportsOverdueUncached(db: Reader, today: string, scope: Omit<ReportDueScope, "overdueOnly" | "limit"> = {}): number {
  const { base } = dueQuery(db, today, { ...scope, overdueOnly: true });
  const sub = base.as("due");
  return Number(
    db
      .select({ n: sql<number>`count(*)` })
      .from(sub)
      .get()?.n ?? 0,
  );
}

/**
 * The report each active workstream owes (optionally only a lead's, or only
 * those whose month has ended), oldest month first, then by code.
 */
function reportsDueUncached(db: Reader, today: string, scope: ReportDueScope = {}): ReportDue[] {
  const { base, programFirst, current } = dueQuery(db, today, scope);
  const rows = (
    scope.limit
      ? base.orderBy(sql`max(${statusReports.period}) is not null`, max(statusReports.period), workstreams.code).limit(scope.limit)
      : base.orderBy(workstreams.code)
  ).all();
  const due = rows.map((r) => ({ ...r, ...dueMonthOf({ lastSubmitted: r.lastSubmitted, startMonth: r.startMonth }, programFirst, current) }));
  const drafts = draftsFor(
    db,
    due.map((d) => d.id),
  );
  return due.map((d) => ({
    workstreamId: d.id,
    code: d.code,
    name: d.name,
    ownerId: d.ownerId,
    ownerName: d.ownerName,
    month: d.month,
    overdue: d.overdue,
    draftId: drafts.find((x) => x.workstreamId === d.id && x.period === d.month)?.id ?? null,
  }));
}

// Bounded by the caller's limit (or a lead's few workstreams), so one bound variable per id stays small.
function draftsFor(db: Reader, workstreamIds: number[]) {
  if (!workstreamIds.length) return [];
  return db
    .select({ id: statusReports.id, workstreamId: statusReports.workstreamId, period: statusReports.period })
    .from(statusReports)
    .where(and(eq(statusReports.state, "draft"), inArray(statusReports.workstreamId, workstreamIds)))
    .all();
}

// Every page's navigation counts the reports overdue (20 ms at 100x): computed once per state of the data (decision 019).
export const countReportsOverdue = memoFigure("countReportsOverdue", countReportsOverdueUncached);
export const reportsDue = memoFigure("reportsDue", reportsDueUncached);
