import type { Db } from "#db/connection";
import { getSettingAsOf } from "~/figures/settings.server";
import { riskSettingsAsOf } from "~/figures/risks.server";
import { getProgram } from "~/settings/settings.server";
import { programStatus, workstreamStatus } from "./engine";
import { loadWorkstreamInputs } from "./inputs.server";
import type { ProgramStatus, WorkstreamStatus } from "./types";
import { memoFigure } from "~/figures/memo.server";

/**
 * The programme's explained status as of a date (today, or a past quarter
 * end to reproduce it): thresholds, risk matrix and appetite are the ones in
 * force at the end of that day, so a later settings change never rewrites it.
 */
function computeProgramStatusUncached(db: Pick<Db, "select" | "all">, asOf: string): ProgramStatus {
  const { inputs, thresholds } = load(db, asOf);
  return programStatus(inputs, thresholds, asOf);
}

/**
 * One workstream's status as of a date, equal to its row in
 * computeProgramStatus (null when it did not exist then or is cancelled,
 * which the programme's status leaves out), from inputs narrowed to it.
 */
function computeWorkstreamStatusUncached(db: Pick<Db, "select" | "all">, asOf: string, workstreamId: number): WorkstreamStatus | null {
  const { inputs, thresholds } = load(db, asOf, workstreamId);
  const ws = inputs[0];
  return ws && ws.lifecycleStatus !== "cancelled" ? workstreamStatus(ws, thresholds, asOf) : null;
}

function load(db: Pick<Db, "select" | "all">, asOf: string, only?: number) {
  const program = getProgram(db);
  const thresholds = getSettingAsOf(db, "rag_thresholds", asOf);
  const inputs = loadWorkstreamInputs(db, { asOf, fyStartMonth: program.fiscalYearStartMonth, ...riskSettingsAsOf(db, asOf) }, only);
  return { inputs, thresholds };
}

export const computeProgramStatus = memoFigure("computeProgramStatus", computeProgramStatusUncached);

export const computeWorkstreamStatus = memoFigure("computeWorkstreamStatus", computeWorkstreamStatusUncached);
