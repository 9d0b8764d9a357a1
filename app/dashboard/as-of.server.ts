import { z } from "zod";
import { compareQuarters, fiscalQuarterOf, formatQuarter, parseQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import { todayIso } from "~/time/today.server";

const QuarterParam = z.string().regex(/^FY\d{4}-Q[1-4]$/);

/**
 * The dashboard's "as of" date from `?quarter=FY2025-Q3`: that quarter's last
 * day, or today for the quarter in progress and when none is chosen. A
 * quarter outside the programme (or malformed) is a 400 with a reason.
 */
export function resolveAsOf(url: URL, program: { startFiscalYear: number; fiscalYearStartMonth: number }) {
  const today = todayIso();
  const fy = program.fiscalYearStartMonth;
  const current = fiscalQuarterOf(today, fy);
  const options = quarterRange({ fiscalYear: program.startFiscalYear, quarter: 1 }, current).map(formatQuarter).reverse();
  const raw = url.searchParams.get("quarter");
  if (!raw) return { asOf: today, quarter: formatQuarter(current), options, selected: null as string | null };
  const parsed = QuarterParam.safeParse(raw);
  const q = parsed.success ? parseQuarter(parsed.data) : null;
  if (!q || !options.includes(raw)) {
    throw new Response(`Choose a quarter between FY${program.startFiscalYear}-Q1 and ${formatQuarter(current)}.`, { status: 400 });
  }
  const asOf = compareQuarters(q, current) === 0 ? today : quarterBounds(q, fy).end;
  return { asOf, quarter: raw, options, selected: raw };
}
