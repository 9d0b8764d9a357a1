import { or, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { risks } from "#db/schema";
import { levelCase } from "~/figures/risks.server";
import type { RiskMatrix } from "./matrix";

export type Relevelled = { id: number; code: string; inherentLevel: string; currentLevel: string; targetLevel: string };

/**
 * Recomputes the stored inherent, current and target levels of every risk
 * from the matrix in one UPDATE, returning the risks whose levels changed.
 * Run it in the transaction that saves the matrix, so no reader ever sees
 * risks levelled by a matrix that is not the stored one. Scores are not
 * edited, so versions are left alone: an edit form open on a risk stays valid.
 */
export function relevelRisks(tx: Tx | Db, matrix: RiskMatrix): Relevelled[] {
  const inherent = levelCase(matrix, risks.inherentLikelihood, risks.inherentImpact);
  const current = levelCase(matrix, risks.currentLikelihood, risks.currentImpact);
  const target = levelCase(matrix, risks.targetLikelihood, risks.targetImpact);
  return tx
    .update(risks)
    .set({ inherentLevel: sql`${inherent}`, currentLevel: sql`${current}`, targetLevel: sql`${target}`, updatedAt: new Date().toISOString() })
    .where(or(sql`${risks.inherentLevel} <> ${inherent}`, sql`${risks.currentLevel} <> ${current}`, sql`${risks.targetLevel} <> ${target}`))
    .returning({ id: risks.id, code: risks.code, inherentLevel: risks.inherentLevel, currentLevel: risks.currentLevel, targetLevel: risks.targetLevel })
    .all();
}
