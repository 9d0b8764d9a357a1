import type { Db } from "#db/connection";
import { program } from "#db/schema";
import { quarterBounds } from "~/money/fiscal";
import { todayIso } from "~/time/today.server";

/**
 * Why an assessment date cannot be recorded, or null when it can. An
 * assessment dates a risk's score in every figure as of that day, so it must
 * fall within the programme: not before its first fiscal quarter began, and
 * not after today (a future-dated score would become "current" by itself).
 */
export function assessmentDateError(db: Pick<Db, "select">, assessedOn: string): string | null {
  const p = db.select({ startFiscalYear: program.startFiscalYear, fiscalYearStartMonth: program.fiscalYearStartMonth }).from(program).limit(1).get();
  const today = todayIso(db);
  if (assessedOn > today) return `An assessment cannot be dated after today (${today}).`;
  if (p) {
    const start = quarterBounds({ fiscalYear: p.startFiscalYear, quarter: 1 }, p.fiscalYearStartMonth).start;
    if (assessedOn < start) return `An assessment cannot be dated before the programme began (${start}).`;
  }
  return null;
}
