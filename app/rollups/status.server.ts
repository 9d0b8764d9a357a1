import type { Db } from "#db/connection";
import { getSettingAsOf } from "~/figures/settings.server";
import { riskSettingsAsOf } from "~/figures/risks.server";
import { getProgram } from "~/settings/settings.server";
import { programStatus } from "./engine";
import { loadWorkstreamInputs } from "./inputs.server";
import type { ProgramStatus } from "./types";

/**
 * The programme's explained status as of a date (today, or a past quarter
 * end to reproduce it): thresholds, risk matrix and appetite are the ones in
 * force at the end of that day, so a later settings change never rewrites it.
 */
export function computeProgramStatus(db: Pick<Db, "select" | "all">, asOf: string): ProgramStatus {
  const program = getProgram(db);
  const thresholds = getSettingAsOf(db, "rag_thresholds", asOf);
  const inputs = loadWorkstreamInputs(db, {
    asOf,
    fyStartMonth: program.fiscalYearStartMonth,
    ...riskSettingsAsOf(db, asOf),
  });
  return programStatus(inputs, thresholds, asOf);
}
