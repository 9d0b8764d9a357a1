import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestones } from "#db/schema";
import { milestonePredicates, milestonesAsOf } from "~/figures/milestones.server";
import type { ReportFacts } from "./report-facts";

type Reader = Pick<Db, "select">;

// A month's facts stay readable in a text field: past this many, the milestone list is the place.
const FACTS_LIMIT = 15;

function lastDayOf(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * What the milestones of a workstream say about a report's month, read
 * through the figures layer as of the month's end (or today, for the
 * current month): done in the month, overdue, and due within 30 days.
 */
export function reportFacts(db: Reader, workstreamId: number, period: string, today: string): ReportFacts {
  const monthEnd = lastDayOf(period);
  const asOf = monthEnd < today ? monthEnd : today;
  const monthStart = `${period}-01`;
  const m = milestonesAsOf(db, asOf, monthStart);
  const p = milestonePredicates(m, asOf);
  const list = (condition: SQL, date: SQL.Aliased<string> | typeof m.dueDate) =>
    db
      .select({ code: milestones.code, title: milestones.title, date })
      .from(m)
      .innerJoin(milestones, eq(milestones.id, m.id))
      .where(and(eq(m.workstreamId, workstreamId), condition))
      .orderBy(asc(date), asc(milestones.code))
      .limit(FACTS_LIMIT)
      .all()
      .map((r) => ({ code: r.code, title: r.title, date: String(r.date) }));
  return {
    asOf,
    done: list(p.doneSince(monthStart), m.expectedDate),
    overdue: list(p.overdue, m.dueDate),
    dueNext: list(p.dueWithin(30), m.dueDate),
  };
}
