import { type SQL, sql } from "drizzle-orm";
import { levelFor, type RiskMatrix, SCALE } from "./matrix";

/**
 * The matrix as a portable SQL CASE over a likelihood and an impact
 * expression, so levels can be computed inside a query (trends, re-levelling)
 * without a user-defined function or a JSON lookup that PostgreSQL spells differently.
 */
export function levelCase(matrix: RiskMatrix, likelihood: SQL | unknown, impact: SQL | unknown): SQL {
  const whens = SCALE.flatMap((l) =>
    SCALE.map((i) => sql`when ${likelihood} = ${sql.raw(String(l))} and ${impact} = ${sql.raw(String(i))} then '${sql.raw(levelFor(matrix, l, i))}'`),
  );
  return sql`(case ${sql.join(whens, sql` `)} end)`;
}
