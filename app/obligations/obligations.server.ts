import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestones, obligationMilestones, obligations, obligationWorkstreams, workstreams } from "#db/schema";
import { milestoneSlipped } from "~/dashboard/overview.server";
import { obligationsAsOf } from "~/figures/obligations.server";

export type { ObligationFilters, ObligationSummary } from "~/figures/obligations.server";

/** One obligation's page: its figures as of the day (app/figures/obligations.server.ts) and what it links to. */
export function getObligation(db: Pick<Db, "select">, code: string, asOf: string) {
  const found = db.select({ id: obligations.id }).from(obligations).where(eq(obligations.code, code)).get();
  if (!found) return null;
  const summary = obligationsAsOf(db, {}, asOf, found).at(0);
  if (!summary) return null;
  const linkedWorkstreams = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(obligationWorkstreams)
    .innerJoin(workstreams, eq(workstreams.id, obligationWorkstreams.workstreamId))
    .where(eq(obligationWorkstreams.obligationId, found.id))
    .orderBy(asc(workstreams.code))
    .all();
  const linkedMilestones = db
    .select({
      code: milestones.code,
      title: milestones.title,
      status: milestones.status,
      baselineDate: milestones.baselineDate,
      forecastDate: milestones.forecastDate,
      actualDate: milestones.actualDate,
      slipped: sql<number>`case when ${milestoneSlipped} then 1 else 0 end`,
      workstreamCode: workstreams.code,
    })
    .from(obligationMilestones)
    .innerJoin(milestones, eq(milestones.id, obligationMilestones.milestoneId))
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .where(eq(obligationMilestones.obligationId, found.id))
    .orderBy(asc(milestones.baselineDate), asc(milestones.code))
    .all();
  return { obligation: summary, linkedWorkstreams, linkedMilestones: linkedMilestones.map((m) => ({ ...m, slipped: Boolean(m.slipped) })) };
}
