import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { riskAcceptances, risks, riskWorkstreams, workstreams } from "#db/schema";
import type { RiskLevel } from "#db/schema/enums";
import type { RiskFilters } from "./filters";
import { levelsAbove } from "./matrix";

export type RiskScope = { asOf: string; appetite: RiskLevel };

/** An open risk whose review date has passed. */
export const reviewOverdue = (asOf: string) => sql`(${risks.status} <> 'closed' and ${risks.nextReviewDate} < ${asOf})`;

/**
 * An open risk whose approved acceptance has run out with none still in
 * force: the risk is being carried without anyone's current consent.
 */
export const acceptanceExpired = (asOf: string) => sql`(${risks.status} <> 'closed'
  and exists (select 1 from ${riskAcceptances} where ${riskAcceptances.riskId} = ${risks.id} and ${riskAcceptances.state} = 'approved' and ${riskAcceptances.expiresOn} < ${asOf})
  and not exists (select 1 from ${riskAcceptances} where ${riskAcceptances.riskId} = ${risks.id} and ${riskAcceptances.state} = 'approved' and ${riskAcceptances.expiresOn} >= ${asOf}))`;

/** The latest expiry of an approved acceptance still in force, or null. */
export const acceptedUntil = (asOf: string) =>
  sql<
    string | null
  >`(select max(${riskAcceptances.expiresOn}) from ${riskAcceptances} where ${riskAcceptances.riskId} = ${risks.id} and ${riskAcceptances.state} = 'approved' and ${riskAcceptances.expiresOn} >= ${asOf})`;

type HeatMapOmit = { current?: boolean; inherent?: boolean };

/** The WHERE clause for the register's filters; a heat map omits its own cell so every cell shows its count. */
export function riskConditions(filters: RiskFilters, scope: RiskScope, omit: HeatMapOmit = {}): SQL | undefined {
  const c: Array<SQL | undefined> = [];
  if (filters.level) c.push(eq(risks.currentLevel, filters.level));
  if (filters.above) {
    const above = levelsAbove(scope.appetite);
    c.push(above.length ? inArray(risks.currentLevel, above) : sql`1 = 0`);
  }
  if (filters.owner) c.push(eq(risks.ownerId, filters.owner));
  if (filters.ws) {
    c.push(
      sql`exists (select 1 from ${riskWorkstreams} join ${workstreams} on ${workstreams.id} = ${riskWorkstreams.workstreamId} where ${riskWorkstreams.riskId} = ${risks.id} and ${workstreams.code} = ${filters.ws})`,
    );
  }
  if (filters.overdue) c.push(reviewOverdue(scope.asOf));
  if (filters.status) c.push(eq(risks.status, filters.status));
  if (filters.csf) c.push(eq(risks.csfFunction, filters.csf));
  if (filters.expired) c.push(acceptanceExpired(scope.asOf));
  if (!omit.current && filters.cl) c.push(eq(risks.currentLikelihood, filters.cl));
  if (!omit.current && filters.ci) c.push(eq(risks.currentImpact, filters.ci));
  if (!omit.inherent && filters.il) c.push(eq(risks.inherentLikelihood, filters.il));
  if (!omit.inherent && filters.ii) c.push(eq(risks.inherentImpact, filters.ii));
  return and(...c);
}
