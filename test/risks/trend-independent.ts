import { db } from "~/db.server";
import { asOfInstant } from "~/history/as-of.server";
import type { RiskMatrix } from "~/risks/matrix";

/**
 * The quarter trend recomputed with a different query shape (a correlated
 * subquery per risk rather than a window function), levelled in JavaScript
 * from the matrix cells, so a mistake in either shows up as a mismatch.
 * Counts the risks whose version in force at the end of the day is not closed.
 */
export function independentTrend(matrix: RiskMatrix, end: string) {
  const rows = db.$client
    .prepare(
      `select r.id, a.likelihood l, a.impact i from risks r
       join risk_history h on h.risk_id = r.id and h.valid_from < @at and (h.valid_to is null or h.valid_to >= @at) and h.status <> 'closed'
       join risk_assessments a on a.id = (
         select a2.id from risk_assessments a2 where a2.risk_id = r.id and a2.assessed_on <= @end
         order by a2.assessed_on desc, a2.id desc limit 1)`,
    )
    .all({ end, at: asOfInstant(db, end) }) as Array<{ id: number; l: number; i: number }>;
  const byLevel = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const r of rows) byLevel[matrix.cells[r.l - 1]![r.i - 1]!]++;
  return { risks: rows.length, scoreSum: rows.reduce((s, r) => s + r.l * r.i, 0), byLevel };
}
