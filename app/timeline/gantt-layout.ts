import { daysBetween } from "~/money/fiscal";

export type GanttWorkstream = { id: number; code: string; name: string; startDate: string; endDate: string };
export type GanttMilestone = {
  id: number;
  code: string;
  title: string;
  workstreamId: number;
  baselineDate: string;
  forecastDate: string | null;
  actualDate: string | null;
  status: string;
  /** From the figures layer (app/figures/milestones.server.ts): actual, else forecast, else baseline. */
  expectedDate: string;
  /** Days late against the baseline in force (0 when cancelled). */
  slipDays: number;
};
export type GanttQuarter = { label: string; start: string };

export const GANTT = { width: 1200, labelWidth: 230, rowHeight: 34, headerHeight: 40, padding: 12 } as const;

/**
 * Pure geometry for the timeline: dates become x positions on one shared
 * scale (the date window), workstreams become rows drawn one strip each. Kept apart from the SVG so it can be
 * tested without rendering.
 */
export function layoutGantt(input: {
  from: string;
  to: string;
  today: string;
  quarters: GanttQuarter[];
  workstreams: GanttWorkstream[];
  milestones: GanttMilestone[];
}) {
  const span = Math.max(1, daysBetween(input.from, input.to));
  const plotWidth = GANTT.width - GANTT.labelWidth - GANTT.padding;
  const x = (date: string) => {
    const d = Math.min(Math.max(daysBetween(input.from, date), 0), span);
    return Math.round((GANTT.labelWidth + (d / span) * plotWidth) * 10) / 10;
  };
  const known = new Set(input.workstreams.map((w) => w.id));
  // Each workstream is drawn as its own strip (a collapsible row), so marker heights are local to the strip. A marker
  // carries only what the chart draws: a page holds 1,500 of them at 100x, each sent to the browser once.
  const markers = input.milestones
    .filter((m) => known.has(m.workstreamId))
    .map((m) => ({
      id: m.id,
      code: m.code,
      title: m.title,
      workstreamId: m.workstreamId,
      baselineDate: m.baselineDate,
      actualDate: m.actualDate,
      status: m.status,
      expected: m.expectedDate,
      slip: m.slipDays,
      slipped: m.slipDays > 0,
      cy: GANTT.rowHeight / 2,
      xBaseline: x(m.baselineDate),
      xExpected: x(m.expectedDate),
    }));
  const rows = input.workstreams.map((w) => {
    const own = markers.filter((m) => m.workstreamId === w.id);
    return {
      ...w,
      x1: x(w.startDate),
      x2: Math.max(x(w.endDate), x(w.startDate) + 2),
      markers: own,
      slipped: own.filter((m) => m.slipped).length,
    };
  });
  const inRange = input.today >= input.from && input.today <= input.to;
  return {
    width: GANTT.width,
    rowHeight: GANTT.rowHeight,
    headerHeight: GANTT.headerHeight,
    rows,
    markerCount: markers.length,
    slippedCount: markers.filter((m) => m.slipped).length,
    quarters: input.quarters.map((q) => ({ ...q, x: x(q.start) })),
    todayX: inRange ? x(input.today) : null,
  };
}
