import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestones, riskMilestones, riskWorkstreams, users, workstreams } from "#db/schema";

/** The choices a risk form offers: people who can own a risk, workstreams and milestones that can treat it. */
export function riskFormOptions(db: Pick<Db, "select">) {
  return {
    owners: db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all(),
    workstreams: db.select({ id: workstreams.id, code: workstreams.code, name: workstreams.name }).from(workstreams).orderBy(asc(workstreams.code)).all(),
    milestones: db
      .select({ id: milestones.id, code: milestones.code, title: milestones.title, workstreamCode: workstreams.code })
      .from(milestones)
      .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
      .orderBy(asc(workstreams.code), asc(milestones.baselineDate), asc(milestones.code))
      .all(),
  };
}
export type RiskFormOptions = ReturnType<typeof riskFormOptions>;

export function riskLinkIds(db: Pick<Db, "select">, riskId: number) {
  return {
    workstreamIds: db
      .select({ id: riskWorkstreams.workstreamId })
      .from(riskWorkstreams)
      .where(eq(riskWorkstreams.riskId, riskId))
      .all()
      .map((r) => r.id),
    milestoneIds: db
      .select({ id: riskMilestones.milestoneId })
      .from(riskMilestones)
      .where(eq(riskMilestones.riskId, riskId))
      .all()
      .map((r) => r.id),
  };
}
