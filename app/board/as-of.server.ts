import type { Db } from "#db/connection";
import { parseQuarter } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { quarterAsOf } from "~/time/quarter-as-of";

/** The day a report's figures are computed as of: its quarter's end once the quarter has ended, today while it runs (the dashboard's rule too). */
export function liveAsOf(db: Pick<Db, "select">, quarter: string, today: string): string {
  const q = parseQuarter(quarter);
  if (!q) throw new RangeError(`Not a fiscal quarter: ${quarter}`);
  return quarterAsOf(q, getProgram(db).fiscalYearStartMonth, today);
}
