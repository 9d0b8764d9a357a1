import { program, riskAcceptances, riskAssessments, riskMilestones, risks, riskWorkstreams } from "#db/schema";
import { db } from "~/db.server";
import { riskHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { recordLinks } from "~/risks/link-history.server";
import { DEFAULT_RISK_MATRIX, levelFor } from "~/risks/matrix";

let seq = 0;

export function ensureProgram(overrides: Partial<typeof program.$inferInsert> = {}) {
  const existing = db.select().from(program).get();
  if (existing) return existing;
  return db
    .insert(program)
    .values({ name: "Test programme", startFiscalYear: 2022, endFiscalYear: 2027, riskAppetite: "medium", ...overrides })
    .returning()
    .get();
}

type Scores = { il?: number; ii?: number; cl?: number; ci?: number; tl?: number; ti?: number };

/**
 * A risk levelled by the default matrix, with an initial assessment matching
 * its current score, and its history and links in force from the start of
 * that assessment's day (noon UTC: that day in the programme's zone), as if registered then.
 */
export function makeRisk(
  overrides: Partial<typeof risks.$inferInsert> & Scores & { assessedOn?: string; workstreamIds?: number[]; milestoneIds?: number[] } = {},
) {
  const n = ++seq;
  const { il = 4, ii = 4, cl = 3, ci = 4, tl = 2, ti = 2, assessedOn = "2024-01-15", workstreamIds = [], milestoneIds = [], ...rest } = overrides;
  const m = DEFAULT_RISK_MATRIX;
  const risk = db
    .insert(risks)
    .values({
      code: `R-T${String(n).padStart(3, "0")}`,
      title: `Test risk ${n}`,
      category: "Technology",
      csfFunction: "protect",
      inherentLikelihood: il,
      inherentImpact: ii,
      currentLikelihood: cl,
      currentImpact: ci,
      targetLikelihood: tl,
      targetImpact: ti,
      inherentLevel: levelFor(m, il, ii),
      currentLevel: levelFor(m, cl, ci),
      targetLevel: levelFor(m, tl, ti),
      treatment: "mitigate",
      ...rest,
    })
    .returning()
    .get();
  const since = `${assessedOn}T12:00:00.000Z`;
  recordVersion(db, riskHistorySpec, risk.id, risk, since);
  recordLinks(db, risk.id, { workstreamIds, milestoneIds }, since);
  db.insert(riskAssessments).values({ riskId: risk.id, assessedOn, likelihood: cl, impact: ci, rationale: "Initial assessment" }).run();
  for (const workstreamId of workstreamIds) db.insert(riskWorkstreams).values({ riskId: risk.id, workstreamId }).run();
  for (const milestoneId of milestoneIds) db.insert(riskMilestones).values({ riskId: risk.id, milestoneId }).run();
  return risk;
}

export function makeAssessment(riskId: number, values: { assessedOn: string; likelihood: number; impact: number; rationale?: string }) {
  return db
    .insert(riskAssessments)
    .values({ riskId, rationale: "Re-assessed", ...values })
    .returning()
    .get();
}

/** An acceptance request; a decided one (approved, rejected) is decided when requested unless `decidedAt` says otherwise. */
export function makeAcceptance(riskId: number, overrides: Partial<typeof riskAcceptances.$inferInsert> = {}) {
  const requestedAt = overrides.requestedAt ?? "2024-01-01T00:00:00.000Z";
  const decided = overrides.state === "approved" || overrides.state === "rejected";
  return db
    .insert(riskAcceptances)
    .values({
      riskId,
      requestedAt,
      justification: "Compensating controls in place",
      expiresOn: "2025-01-01",
      ...(decided ? { decidedAt: requestedAt } : {}),
      ...overrides,
    })
    .returning()
    .get();
}
