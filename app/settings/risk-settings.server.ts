import type { Db } from "#db/connection";
import { program } from "#db/schema";
import type { RiskLevel } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import type { RiskMatrix } from "~/risks/matrix";
import { relevelRisks } from "~/risks/relevel.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { getProgram, getSetting, recordSettingVersion, saveSetting } from "./settings.server";

export type RiskSettingsInput = {
  matrix: RiskMatrix;
  matrixVersion: number;
  appetite: RiskLevel;
  programVersion: number;
};

/**
 * Saves the risk matrix and the programme's appetite, and re-levels every
 * risk, in one transaction with its audit events: a matrix change never
 * leaves risks levelled by the old matrix, and never goes unrecorded. Both
 * are recorded in setting_history (saveSetting records the matrix), so the
 * figures of a past day keep the matrix and appetite in force then.
 */
export function saveRiskSettings(db: Db, ctx: AuditContext, input: RiskSettingsInput) {
  return db.transaction((tx) => {
    const beforeMatrix = getSetting(tx, "risk_matrix");
    const beforeProgram = getProgram(tx);
    saveSetting(tx, "risk_matrix", input.matrix, input.matrixVersion);
    const relevelled = relevelRisks(tx, input.matrix);
    writeAudit(tx, ctx, {
      action: "settings.update",
      entity: "setting",
      entityId: "risk_matrix",
      before: beforeMatrix,
      after: { ...input.matrix, relevelledRisks: relevelled.map((r) => r.code) },
    });
    // The programme row is versioned too, so a stale appetite is refused like any other edit.
    const after = updateVersioned(tx, program, "programme", beforeProgram.id, input.programVersion, { riskAppetite: input.appetite });
    if (beforeProgram.riskAppetite !== input.appetite) {
      // A programme whose appetite was never recorded had its current one since it was created.
      recordSettingVersion(tx, "risk_appetite", JSON.stringify(beforeProgram.riskAppetite), beforeProgram.createdAt);
      recordSettingVersion(tx, "risk_appetite", JSON.stringify(after.riskAppetite));
      writeAudit(tx, ctx, {
        action: "program.update",
        entity: "program",
        entityId: beforeProgram.id,
        before: { riskAppetite: beforeProgram.riskAppetite },
        after: { riskAppetite: after.riskAppetite },
      });
    }
    return { relevelled };
  });
}
