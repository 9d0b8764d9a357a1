import { asc } from "drizzle-orm";
import type { Db } from "#db/connection";
import { workstreams } from "#db/schema";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { formatQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { layoutGantt } from "./gantt-layout";

/** The whole programme on one scale: every workstream and every milestone, from the first to the last fiscal year. */
export function programmeTimeline(db: Pick<Db, "select">, today: string) {
  const program = getProgram(db);
  const fy = program.fiscalYearStartMonth;
  const quarters = quarterRange({ fiscalYear: program.startFiscalYear, quarter: 1 }, { fiscalYear: program.endFiscalYear, quarter: 4 });
  const ws = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name, startDate: workstreams.startDate, endDate: workstreams.endDate })
    .from(workstreams)
    .orderBy(asc(workstreams.code))
    .all();
  // Milestones as of today with their slip, from the figures layer (so the count of slipped ones matches /milestones).
  const ms = listMilestones(db, {}, today);
  // Extend the scale when data falls outside the programme's years, so nothing is clipped.
  const dates = [
    ...ws.flatMap((w) => [w.startDate, w.endDate]),
    ...ms.flatMap((m) => [m.baselineDate, m.forecastDate ?? m.baselineDate, m.actualDate ?? m.baselineDate]),
  ];
  const first = quarterBounds(quarters[0]!, fy).start;
  const last = quarterBounds(quarters[quarters.length - 1]!, fy).end;
  const from = dates.reduce((a, b) => (b < a ? b : a), first);
  const to = dates.reduce((a, b) => (b > a ? b : a), last);
  return {
    programName: program.name,
    today,
    layout: layoutGantt({
      from,
      to,
      today,
      quarters: quarters.map((q) => ({ label: formatQuarter(q), start: quarterBounds(q, fy).start })),
      workstreams: ws,
      milestones: ms,
    }),
  };
}
