import { z } from "zod";
import { fiscalQuarterOf, formatQuarter, parseQuarter, quarterRange } from "~/money/fiscal";
import { quarterAsOf } from "~/time/quarter-as-of";
import { programmeTimeZone, todayIso } from "~/time/today.server";

const QuarterParam = z.string().regex(/^FY\d{4}-Q[1-4]$/);

/**
 * The dashboard's "as of" date from `?quarter=FY2025-Q3`: the same day the
 * board report for that quarter is computed as of (`quarterAsOf`: its last
 * day once ended, today for the quarter in progress), or today when none is
 * chosen. Days are in the programme's time zone, returned for the page's note.
 * A quarter outside the programme (or malformed) is a 400 with a reason.
 */
export function resolveAsOf(url: URL, program: { startFiscalYear: number; fiscalYearStartMonth: number }) {
  const today = todayIso();
  const timeZone = programmeTimeZone();
  const fy = program.fiscalYearStartMonth;
  const current = fiscalQuarterOf(today, fy);
  const options = quarterRange({ fiscalYear: program.startFiscalYear, quarter: 1 }, current).map(formatQuarter).reverse();
  const raw = url.searchParams.get("quarter");
  if (!raw) return { asOf: today, quarter: formatQuarter(current), options, selected: null as string | null, timeZone };
  const parsed = QuarterParam.safeParse(raw);
  const q = parsed.success ? parseQuarter(parsed.data) : null;
  if (!q || !options.includes(raw)) {
    throw new Response(`Choose a quarter between FY${program.startFiscalYear}-Q1 and ${formatQuarter(current)}.`, { status: 400 });
  }
  return { asOf: quarterAsOf(q, fy, today), quarter: raw, options, selected: raw, timeZone };
}
