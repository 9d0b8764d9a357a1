import { and, gt, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestones } from "#db/schema";

/**
 * The dashboard's milestone figures as of a date: slipped, overdue, due in
 * the next 90 days, and done in the fiscal quarter that contains the date.
 */
export function milestoneCounts(db: Pick<Db, "select">, asOf: string, quarter: { start: string; end: string }, in90Days: string) {
  const openThen = and(ne(milestones.status, "cancelled"), or(isNull(milestones.actualDate), gt(milestones.actualDate, asOf)));
  const due = sql`coalesce(${milestones.forecastDate}, ${milestones.baselineDate})`;
  const row = db
    .select({
      open: sql<number>`sum(case when ${openThen} then 1 else 0 end)`,
      // Same rule as the milestone list's "slipped" filter, so the figure links to exactly its rows.
      slipped: sql<number>`sum(case when ${milestones.status} <> 'cancelled' and coalesce(${milestones.actualDate}, ${milestones.forecastDate}) > ${milestones.baselineDate} then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${openThen} and ${due} < ${asOf} then 1 else 0 end)`,
      due90: sql<number>`sum(case when ${openThen} and ${due} >= ${asOf} and ${due} <= ${in90Days} then 1 else 0 end)`,
      doneThisQuarter: sql<number>`sum(case when ${milestones.actualDate} >= ${quarter.start} and ${milestones.actualDate} <= ${asOf} and ${milestones.status} = 'done' then 1 else 0 end)`,
      total: sql<number>`count(*)`,
    })
    .from(milestones)
    .get();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    open: n(row?.open),
    slipped: n(row?.slipped),
    overdue: n(row?.overdue),
    due90: n(row?.due90),
    doneThisQuarter: n(row?.doneThisQuarter),
    total: n(row?.total),
  };
}
