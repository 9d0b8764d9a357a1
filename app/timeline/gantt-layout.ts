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
 * scale, workstreams become rows. Kept apart from the SVG so it can be
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
  const rowOf = new Map(input.workstreams.map((w, i) => [w.id, i]));
  const y = (row: number) => GANTT.headerHeight + row * GANTT.rowHeight;
  const rows = input.workstreams.map((w, i) => ({ ...w, y: y(i), x1: x(w.startDate), x2: Math.max(x(w.endDate), x(w.startDate) + 2) }));
  const markers = input.milestones
    .filter((m) => rowOf.has(m.workstreamId))
    .map((m) => {
      const slip = m.slipDays;
      const expected = m.expectedDate;
      return {
        ...m,
        slip,
        slipped: slip > 0,
        cy: y(rowOf.get(m.workstreamId)!) + GANTT.rowHeight / 2,
        xBaseline: x(m.baselineDate),
        xExpected: x(expected),
        expected,
      };
    });
  const inRange = input.today >= input.from && input.today <= input.to;
  return {
    width: GANTT.width,
    height: y(input.workstreams.length) + GANTT.padding,
    rows,
    markers,
    quarters: input.quarters.map((q) => ({ ...q, x: x(q.start) })),
    todayX: inRange ? x(input.today) : null,
  };
}
