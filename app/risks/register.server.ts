import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { risks, riskWorkstreams, users, workstreams } from "#db/schema";
import type { RiskLevel } from "#db/schema/enums";
import { acceptanceExpired, acceptedUntil, reviewOverdue, riskConditions, type RiskScope } from "./conditions.server";
import type { RiskFilters } from "./filters";
import { isAboveAppetite } from "./matrix";
import { byCodeNumber } from "~/utils/code-order";

type Reader = Pick<Db, "select" | "selectDistinct">;

const score = sql<number>`${risks.currentLikelihood} * ${risks.currentImpact}`;

const registerColumns = (asOf: string) => ({
  id: risks.id,
  code: risks.code,
  title: risks.title,
  description: risks.description,
  category: risks.category,
  ownerId: risks.ownerId,
  ownerName: users.name,
  ownerEmail: users.email,
  csfFunction: risks.csfFunction,
  inherentLikelihood: risks.inherentLikelihood,
  inherentImpact: risks.inherentImpact,
  inherentLevel: risks.inherentLevel,
  currentLikelihood: risks.currentLikelihood,
  currentImpact: risks.currentImpact,
  currentLevel: risks.currentLevel,
  targetLikelihood: risks.targetLikelihood,
  targetImpact: risks.targetImpact,
  targetLevel: risks.targetLevel,
  treatment: risks.treatment,
  status: risks.status,
  nextReviewDate: risks.nextReviewDate,
  reviewOverdue: sql<number>`case when ${reviewOverdue(asOf)} then 1 else 0 end`,
  acceptanceExpired: sql<number>`case when ${acceptanceExpired(asOf)} then 1 else 0 end`,
  acceptedUntil: acceptedUntil(asOf),
});

type SelectedRow = {
  id: number;
  currentLikelihood: number;
  currentImpact: number;
  currentLevel: RiskLevel;
  reviewOverdue: number;
  acceptanceExpired: number;
};

type Flags = { reviewOverdue: boolean; acceptanceExpired: boolean; aboveAppetite: boolean; currentScore: number; workstreamCodes: string[] };

function toRow<R extends SelectedRow>(row: R, appetite: RiskLevel, links: Map<number, string[]>): Omit<R, "reviewOverdue" | "acceptanceExpired"> & Flags {
  return {
    ...row,
    reviewOverdue: Boolean(row.reviewOverdue),
    acceptanceExpired: Boolean(row.acceptanceExpired),
    aboveAppetite: isAboveAppetite(row.currentLevel, appetite),
    currentScore: row.currentLikelihood * row.currentImpact,
    workstreamCodes: links.get(row.id) ?? [],
  };
}

/** Workstream codes linked to each of the given risks (one query, not one per risk). */
export function workstreamCodesFor(db: Reader, riskIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (!riskIds.length) return map;
  const links = db
    .select({ riskId: riskWorkstreams.riskId, code: workstreams.code })
    .from(riskWorkstreams)
    .innerJoin(workstreams, eq(workstreams.id, riskWorkstreams.workstreamId))
    .where(inArray(riskWorkstreams.riskId, riskIds))
    .orderBy(asc(workstreams.code))
    .all();
  for (const l of links) map.set(l.riskId, [...(map.get(l.riskId) ?? []), l.code]);
  return map;
}

/** The register, filtered, highest current score first. */
export function listRisks(db: Reader, filters: RiskFilters, scope: RiskScope) {
  const rows = db
    .select(registerColumns(scope.asOf))
    .from(risks)
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(riskConditions(filters, scope))
    .orderBy(desc(score), ...byCodeNumber(risks.code, "R-"))
    .all();
  const links = workstreamCodesFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRow(r, scope.appetite, links));
}
export type RiskRow = ReturnType<typeof listRisks>[number];

/** One risk of the register by its code, with the same flags as the list. */
export function riskByCode(db: Reader, code: string, scope: RiskScope) {
  const row = db
    .select({ ...registerColumns(scope.asOf), version: risks.version })
    .from(risks)
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(eq(risks.code, code))
    .get();
  return row ? toRow(row, scope.appetite, workstreamCodesFor(db, [row.id])) : null;
}

/** Risk counts per likelihood × impact cell for a heat map, under the register's other filters. */
export function heatMapCounts(db: Reader, filters: RiskFilters, scope: RiskScope, which: "current" | "inherent") {
  const l = which === "current" ? risks.currentLikelihood : risks.inherentLikelihood;
  const i = which === "current" ? risks.currentImpact : risks.inherentImpact;
  const rows = db
    .select({ likelihood: l, impact: i, count: sql<number>`count(*)` })
    .from(risks)
    .where(riskConditions(filters, scope, { [which]: true }))
    .groupBy(l, i)
    .all();
  const counts = [1, 2, 3, 4, 5].map(() => [0, 0, 0, 0, 0]);
  for (const r of rows) counts[r.likelihood - 1]![r.impact - 1] = Number(r.count);
  return counts;
}

/** The open risks with the highest current score. */
export function topRisks(db: Reader, scope: RiskScope, limit = 10) {
  const rows = db
    .select(registerColumns(scope.asOf))
    .from(risks)
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(sql`${risks.status} <> 'closed'`)
    .orderBy(desc(score), desc(sql`${risks.inherentLikelihood} * ${risks.inherentImpact}`), asc(risks.code))
    .limit(limit)
    .all();
  return rows.map((r) => toRow(r, scope.appetite, new Map()));
}

/** Open risks whose review date has passed, the longest overdue first. */
export function overdueReviews(db: Reader, scope: RiskScope) {
  const rows = db
    .select(registerColumns(scope.asOf))
    .from(risks)
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(reviewOverdue(scope.asOf))
    .orderBy(asc(risks.nextReviewDate), asc(risks.code))
    .all();
  return rows.map((r) => toRow(r, scope.appetite, new Map()));
}

/** Owners and workstreams for the filter form. */
export function filterOptions(db: Reader) {
  const owners = db.selectDistinct({ id: users.id, name: users.name }).from(risks).innerJoin(users, eq(users.id, risks.ownerId)).orderBy(asc(users.name)).all();
  const streams = db.select({ code: workstreams.code, name: workstreams.name }).from(workstreams).orderBy(asc(workstreams.code)).all();
  return { owners, workstreams: streams };
}
