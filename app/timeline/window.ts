import { z } from "zod";
import { addDays, fiscalYearBounds, fiscalYearOf } from "~/money/fiscal";
import { isoDate } from "~/utils/iso-date";
import { parseQueryParams, type QueryProblem } from "~/utils/query";

/**
 * Workstreams per page of the timeline: at 100× the programme has about
 * 1,000, each with some 60 milestones in the programme's window, so a page
 * of 25 drew 1,500 markers (1.2 MB); ten rows fill a screen and keep a page
 * near 600 markers.
 */
export const TIMELINE_PAGE_SIZE = 10;
/** A longer window is refused: nobody reads decades on one screen, and the scale would hide every slip. */
const MAX_WINDOW_DAYS = 366 * 15;

export const TIMELINE_PRESETS = ["programme", "this-fy", "next-12m", "last-12m"] as const;
export type TimelinePreset = (typeof TIMELINE_PRESETS)[number];
export const PRESET_LABELS: Record<TimelinePreset, string> = {
  programme: "Whole programme",
  "this-fy": "This fiscal year",
  "next-12m": "Next 12 months",
  "last-12m": "Last 12 months",
};

const WindowShape = {
  preset: z.enum(TIMELINE_PRESETS, { error: `use one of ${TIMELINE_PRESETS.join(", ")}` }),
  from: isoDate("from", "use a date like 2026-01-31"),
  to: isoDate("to", "use a date like 2026-01-31"),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "use a page number")
    .transform(Number),
};

export type TimelineWindow = { from: string; to: string; preset: TimelinePreset | null; page: number };
type Programme = { startFiscalYear: number; endFiscalYear: number; fiscalYearStartMonth: number };

export function presetWindow(preset: TimelinePreset, programme: Programme, today: string): { from: string; to: string } {
  const fy = programme.fiscalYearStartMonth;
  if (preset === "this-fy") {
    const { start, end } = fiscalYearBounds(fiscalYearOf(today, fy), fy);
    return { from: start, to: end };
  }
  if (preset === "next-12m") return { from: today, to: addDays(today, 364) };
  if (preset === "last-12m") return { from: addDays(today, -364), to: today };
  return { from: fiscalYearBounds(programme.startFiscalYear, fy).start, to: fiscalYearBounds(programme.endFiscalYear, fy).end };
}

/**
 * The window from the URL: `from` and `to` when given (each bad one reported
 * and replaced by the preset's), else a preset, else the whole programme.
 */
export function parseTimelineWindow(params: URLSearchParams, programme: Programme, today: string): { window: TimelineWindow; problems: QueryProblem[] } {
  const { values, problems } = parseQueryParams(WindowShape, params);
  const explicit = Boolean(values.from || values.to);
  const base = presetWindow(values.preset ?? "programme", programme, today);
  const from = values.from ?? base.from;
  let to = values.to ?? base.to;
  if (from > to) {
    problems.push({ param: "to", value: to, message: `is before from (${from})` });
    to = addDays(from, 364);
  }
  if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_DAYS * 86_400_000) {
    problems.push({ param: "to", value: to, message: "makes the window longer than 15 years" });
    to = addDays(from, MAX_WINDOW_DAYS);
  }
  return { window: { from, to, preset: explicit ? null : (values.preset ?? "programme"), page: values.page ?? 1 }, problems };
}

/** The query string of a window (and page), for links. */
export function timelineSearch(w: { from: string; to: string; preset: TimelinePreset | null }, page = 1): string {
  const p = new URLSearchParams(w.preset ? { preset: w.preset } : { from: w.from, to: w.to });
  if (page > 1) p.set("page", String(page));
  return `?${p}`;
}
