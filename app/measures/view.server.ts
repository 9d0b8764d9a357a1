import type { MeasureFigure } from "~/figures/measures.server";

/** A measure figure as a page or the API sends it: plain JSON (sources by period instead of a Map). */
export function measureView(f: MeasureFigure) {
  const { sources, ...rest } = f;
  return { ...rest, sources: Object.fromEntries([...sources].map(([period, s]) => [period, { sourceNote: s.sourceNote, recordedAt: s.validFrom }])) };
}
export type MeasureView = ReturnType<typeof measureView>;

export const MEASURES_PER_PAGE = 24;

/** One page of measures, and how many pages there are. */
export function pageOf<T>(rows: T[], page: number, size = MEASURES_PER_PAGE) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(page, pages);
  return { rows: rows.slice((current - 1) * size, current * size), page: current, pages, total: rows.length };
}
