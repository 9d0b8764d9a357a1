import { eq } from "drizzle-orm";
import {
  actuals,
  auditEvents,
  budgetLines,
  commitments,
  deliverables,
  engagements,
  engagementWorkstreams,
  milestoneDependencies,
  risks,
  riskWorkstreams,
  statusReports,
  vendors,
} from "#db/schema";
import { db } from "~/db.server";
import { budgetLineSpec, riskHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { recordLinks } from "~/risks/link-history.server";

let seq = 0;
const next = () => ++seq;

export function makeDependency(milestoneId: number, dependsOnId: number) {
  db.insert(milestoneDependencies).values({ milestoneId, dependsOnId }).run();
}

export function makeStatusReport(workstreamId: number, overrides: Partial<typeof statusReports.$inferInsert> = {}) {
  return db
    .insert(statusReports)
    .values({
      workstreamId,
      period: "2024-05",
      ragOverall: "green",
      ragSchedule: "green",
      ragCost: "green",
      ragScope: "green",
      ragRisk: "green",
      // A submitted report has a submission time (the rollup reads it), early in the following month.
      submittedAt: overrides.state === "submitted" ? `${overrides.period ?? "2024-05"}-28T09:00:00.000Z` : null,
      ...overrides,
    })
    .returning()
    .get();
}

export function makeVendor(overrides: Partial<typeof vendors.$inferInsert> = {}) {
  return db
    .insert(vendors)
    .values({ name: `Vendor ${next()}`, ...overrides })
    .returning()
    .get();
}

export function makeEngagement(overrides: Partial<typeof engagements.$inferInsert> = {}, workstreamIds: number[] = []) {
  const vendorId = overrides.vendorId ?? makeVendor().id;
  const n = next();
  const row = db
    .insert(engagements)
    .values({
      vendorId,
      title: `Engagement ${n}`,
      kind: "advisory",
      sowReference: `SOW-T${n}`,
      startDate: "2022-01-01",
      endDate: "2023-12-31",
      contractValueCents: 100_000_00,
      ...overrides,
    })
    .returning()
    .get();
  if (workstreamIds.length)
    db.insert(engagementWorkstreams)
      .values(workstreamIds.map((workstreamId) => ({ engagementId: row.id, workstreamId })))
      .run();
  return row;
}

export function makeDeliverable(engagementId: number, overrides: Partial<typeof deliverables.$inferInsert> = {}) {
  return db
    .insert(deliverables)
    .values({ engagementId, title: `Deliverable ${next()}`, dueDate: "2022-06-30", ...overrides })
    .returning()
    .get();
}

type Money = { workstreamId: number; engagementId?: number | null; amountCents: number; date: string };

export function makeActual(m: Money) {
  return db
    .insert(actuals)
    .values({ reference: `INV-T${next()}`, costClass: "opex", category: "vendor", ...m })
    .returning()
    .get();
}

export function makeCommitment(m: Money) {
  return db
    .insert(commitments)
    .values({ reference: `PO-T${next()}`, costClass: "opex", category: "vendor", ...m })
    .returning()
    .get();
}

export function makeBudgetLine(m: { workstreamId: number; fiscalYear: number; quarter: number; amountCents: number }) {
  const row = db
    .insert(budgetLines)
    .values({ costClass: "opex", category: "vendor", ...m })
    .returning()
    .get();
  // In force long before any test's as-of date: the plan existed all along.
  recordVersion(db, budgetLineSpec, row.id, row, "2000-01-01T00:00:00.000Z");
  return row;
}

export function makeRisk(workstreamId: number, overrides: Partial<typeof risks.$inferInsert> = {}) {
  const n = next();
  const row = db
    .insert(risks)
    .values({
      code: `R-T${n}`,
      title: `Risk ${n}`,
      category: "technology",
      csfFunction: "protect",
      inherentLikelihood: 4,
      inherentImpact: 4,
      currentLikelihood: 3,
      currentImpact: 4,
      targetLikelihood: 2,
      targetImpact: 2,
      inherentLevel: "high",
      currentLevel: "high",
      targetLevel: "low",
      treatment: "mitigate",
      ...overrides,
    })
    .returning()
    .get();
  db.insert(riskWorkstreams).values({ riskId: row.id, workstreamId }).run();
  recordVersion(db, riskHistorySpec, row.id, row, row.createdAt);
  recordLinks(db, row.id, { workstreamIds: [workstreamId] }, row.createdAt);
  return row;
}

/** Audit events of one action on one entity id, oldest first. */
export function auditFor(action: string, entityId?: number | string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .all()
    .filter((e) => entityId === undefined || e.entityId === String(entityId));
}
