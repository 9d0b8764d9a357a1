import { and, asc, count, eq, exists, gte, inArray, lte, or } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestones, workstreams } from "#db/schema";
import { defaultPeriodStart, milestonesAsOf, slipOf } from "~/figures/milestones.server";
import { fiscalQuarterOf, formatQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { layoutGantt } from "./gantt-layout";
import { TIMELINE_PAGE_SIZE, type TimelineWindow } from "./window";

type Read = Pick<Db, "select">;

/** Workstreams with anything in the window: their own dates overlap it, or one of their milestones falls in it. */
function workstreamsInWindow(db: Read, w: { from: string; to: string }) {
  const milestoneInWindow = db
    .select({ one: milestones.id })
    .from(milestones)
    .where(
      and(
        eq(milestones.workstreamId, workstreams.id),
        or(
          and(gte(milestones.baselineDate, w.from), lte(milestones.baselineDate, w.to)),
          and(gte(milestones.forecastDate, w.from), lte(milestones.forecastDate, w.to)),
          and(gte(milestones.actualDate, w.from), lte(milestones.actualDate, w.to)),
        ),
      ),
    );
  return or(and(lte(workstreams.startDate, w.to), gte(workstreams.endDate, w.from)), exists(milestoneInWindow));
}

/**
 * The timeline for a date window and one page of workstreams: only the
 * milestones of those workstreams whose baseline-to-expected span touches the
 * window are read (in SQL), with their slip as of today from the figures
 * layer, so the slipped count matches /milestones.
 */
export function programmeTimeline(db: Read, today: string, w: TimelineWindow) {
  const program = getProgram(db);
  const fy = program.fiscalYearStartMonth;
  const where = workstreamsInWindow(db, w);
  const total = db.select({ n: count() }).from(workstreams).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
  const page = Math.min(w.page, pages);
  const ws = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name, startDate: workstreams.startDate, endDate: workstreams.endDate })
    .from(workstreams)
    .where(where)
    .orderBy(asc(workstreams.code))
    .limit(TIMELINE_PAGE_SIZE)
    .offset((page - 1) * TIMELINE_PAGE_SIZE)
    .all();

  const m = milestonesAsOf(db, today, defaultPeriodStart(db, today));
  const ms = ws.length
    ? db
        .select({
          id: m.id,
          code: milestones.code,
          title: milestones.title,
          workstreamId: m.workstreamId,
          baselineDate: m.baselineDate,
          originalBaselineDate: m.originalBaselineDate,
          forecastDate: m.forecastDate,
          actualDate: m.actualDate,
          expectedDate: m.expectedDate,
          status: m.status,
        })
        .from(m)
        .innerJoin(milestones, eq(milestones.id, m.id))
        .where(
          and(
            inArray(
              m.workstreamId,
              ws.map((x) => x.id),
            ),
            // The span from baseline to expected date overlaps the window (either end may be the earlier).
            or(lte(m.baselineDate, w.to), lte(m.expectedDate, w.to)),
            or(gte(m.baselineDate, w.from), gte(m.expectedDate, w.from)),
          ),
        )
        .orderBy(asc(m.baselineDate), asc(milestones.code))
        .all()
        .map((r) => ({ ...r, ...slipOf(r) }))
    : [];

  const quarters = quarterRange(fiscalQuarterOf(w.from, fy), fiscalQuarterOf(w.to, fy));
  return {
    programName: program.name,
    today,
    window: w,
    page,
    pages,
    totalWorkstreams: total,
    layout: layoutGantt({
      from: w.from,
      to: w.to,
      today,
      quarters: quarters.map((q) => ({ label: formatQuarter(q), start: quarterBounds(q, fy).start })).filter((q) => q.start >= w.from),
      workstreams: ws,
      milestones: ms,
    }),
  };
}
