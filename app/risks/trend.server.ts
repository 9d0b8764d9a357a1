import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import { fiscalQuarterOf, formatQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import { levelCase } from "./level-sql.server";
import type { RiskMatrix } from "./matrix";

export type TrendPoint = { quarter: string; asOf: string; risks: number; scoreSum: number; byLevel: Record<RiskLevel, number> };

/** Each fiscal quarter from the programme's start to the one holding asOf, ending at its last day (or asOf, for the quarter under way). */
export function trendQuarters(program: { startFiscalYear: number; fiscalYearStartMonth: number }, asOf: string) {
  const fy = program.fiscalYearStartMonth;
  const last = fiscalQuarterOf(asOf, fy);
  return quarterRange({ fiscalYear: program.startFiscalYear, quarter: 1 }, last).map((q) => {
    const { end } = quarterBounds(q, fy);
    return { quarter: formatQuarter(q), end: end < asOf ? end : asOf };
  });
}

/**
 * The programme's risk position at each quarter end: every risk scored by
 * its latest assessment on or before that day, levelled by the current
 * matrix, counted by level and summed by score. One query; the risks table's
 * own "current" columns are not used, so the history cannot be rewritten by
 * a later re-score.
 */
export function riskTrend(db: Pick<Db, "all">, matrix: RiskMatrix, quarters: Array<{ quarter: string; end: string }>): TrendPoint[] {
  if (!quarters.length) return [];
  const values = sql.join(
    quarters.map((q) => sql`(${q.quarter}, ${q.end})`),
    sql`, `,
  );
  const level = levelCase(matrix, sql`likelihood`, sql`impact`);
  const counts = sql.join(
    RISK_LEVELS.map((l) => sql`coalesce(sum(case when latest.level = ${l} then 1 else 0 end), 0) as ${sql.identifier(l)}`),
    sql`, `,
  );
  const rows = db.all<Record<string, string | number>>(sql`
    with q(quarter, quarter_end) as (values ${values}),
    ranked as (
      select q.quarter, a.likelihood, a.impact,
        row_number() over (partition by q.quarter, a.risk_id order by a.assessed_on desc, a.id desc) as rn
      from q join risk_assessments a on a.assessed_on <= q.quarter_end
    ),
    latest as (select quarter, likelihood, impact, ${level} as level from ranked where rn = 1)
    select q.quarter, q.quarter_end, count(latest.quarter) as risks, coalesce(sum(latest.likelihood * latest.impact), 0) as score_sum, ${counts}
    from q left join latest on latest.quarter = q.quarter
    group by q.quarter, q.quarter_end
    order by q.quarter_end`);
  return rows.map((r) => ({
    quarter: String(r.quarter),
    asOf: String(r.quarter_end),
    risks: Number(r.risks),
    scoreSum: Number(r.score_sum),
    byLevel: Object.fromEntries(RISK_LEVELS.map((l) => [l, Number(r[l])])) as Record<RiskLevel, number>,
  }));
}
