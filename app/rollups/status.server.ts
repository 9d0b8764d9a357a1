import type { Db } from "#db/connection";
import { getProgram, getSetting } from "~/settings/settings.server";
import { programStatus } from "./engine";
import { loadWorkstreamInputs } from "./inputs.server";
import type { ProgramStatus } from "./types";

/** The programme's explained status as of a date (today, or a past quarter end to reproduce it). */
export function computeProgramStatus(db: Pick<Db, "select">, asOf: string): ProgramStatus {
  const program = getProgram(db);
  const thresholds = getSetting(db, "rag_thresholds");
  const inputs = loadWorkstreamInputs(db, {
    asOf,
    fyStartMonth: program.fiscalYearStartMonth,
    matrix: getSetting(db, "risk_matrix"),
    appetite: program.riskAppetite,
  });
  return programStatus(inputs, thresholds, asOf);
}
