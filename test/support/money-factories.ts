import {
  actuals,
  actualTags,
  budgetLines,
  commitments,
  engagements,
  obligationMilestones,
  obligations,
  obligationWorkstreams,
  program,
  vendors,
} from "#db/schema";
import { db } from "~/db.server";
import { budgetLineSpec, obligationSpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";

let seq = 0;
const next = () => ++seq;

export function makeProgram(overrides: Partial<typeof program.$inferInsert> = {}) {
  return db
    .insert(program)
    .values({ name: "Test programme", startFiscalYear: 2022, endFiscalYear: 2027, fiscalYearStartMonth: 1, ...overrides })
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

export function makeEngagement(vendorId: number, overrides: Partial<typeof engagements.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(engagements)
    .values({ vendorId, title: `Engagement ${n}`, kind: "advisory", sowReference: `SOW-T${n}`, startDate: "2022-01-01", endDate: "2026-12-31", ...overrides })
    .returning()
    .get();
}

/**
 * A plan line, with its first version in force from `planSince` (by default
 * long before any test's as-of date: the plan existed all along).
 */
export function makeBudgetLine(workstreamId: number, overrides: Partial<typeof budgetLines.$inferInsert> & { planSince?: string } = {}) {
  const { planSince = PLAN_SINCE, ...values } = overrides;
  const row = db
    .insert(budgetLines)
    .values({ fiscalYear: 2024, quarter: 1, workstreamId, costClass: "opex", category: "vendor", amountCents: 100_000_00, ...values })
    .returning()
    .get();
  recordVersion(db, budgetLineSpec, row.id, row, planSince);
  return row;
}

/** The instant test plan lines and obligations are in force from unless a test says otherwise. */
export const PLAN_SINCE = "2000-01-01T00:00:00.000Z";

export function makeCommitment(workstreamId: number, overrides: Partial<typeof commitments.$inferInsert> = {}) {
  return db
    .insert(commitments)
    .values({ reference: `PO-T${next()}`, date: "2024-01-15", workstreamId, costClass: "opex", category: "vendor", amountCents: 50_000_00, ...overrides })
    .returning()
    .get();
}

export function makeActual(workstreamId: number, overrides: Partial<typeof actuals.$inferInsert> & { tags?: string[] } = {}) {
  const { tags = [], ...values } = overrides;
  const row = db
    .insert(actuals)
    .values({ reference: `INV-T${next()}`, date: "2024-02-01", workstreamId, costClass: "opex", category: "vendor", amountCents: 10_000_00, ...values })
    .returning()
    .get();
  for (const tag of tags) db.insert(actualTags).values({ actualId: row.id, tag }).run();
  return row;
}

export function makeObligation(
  overrides: Partial<typeof obligations.$inferInsert> & { workstreamIds?: number[]; milestoneIds?: number[]; recordedAt?: string } = {},
) {
  const { workstreamIds = [], milestoneIds = [], recordedAt, ...values } = overrides;
  const n = next();
  const row = db
    .insert(obligations)
    .values({ code: `OB-T${n}`, source: "settlement", kind: "measure", title: `Obligation ${n}`, ...values })
    .returning()
    .get();
  recordVersion(db, obligationSpec, row.id, row, recordedAt ?? PLAN_SINCE);
  for (const workstreamId of workstreamIds) db.insert(obligationWorkstreams).values({ obligationId: row.id, workstreamId }).run();
  for (const milestoneId of milestoneIds) db.insert(obligationMilestones).values({ obligationId: row.id, milestoneId }).run();
  return row;
}
