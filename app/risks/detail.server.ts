import { asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { milestones, riskAcceptances, riskAssessments, riskMilestones, riskWorkstreams, users, workstreams } from "#db/schema";
import { milestoneSlipped } from "~/dashboard/overview.server";
import { riskAsOf } from "~/figures/risks.server";
import { treatmentProgress } from "./treatment";

type Reader = Pick<Db, "select" | "all">;

/** Weighted percent complete of a workstream's live milestones, from SQL. */
const workstreamPercent = sql<number>`(select coalesce(sum(m.percent_complete * m.weight) * 1.0 / nullif(sum(m.weight), 0), 0) from ${milestones} m where m.workstream_id = ${workstreams.id} and m.status <> 'cancelled')`;

export function riskDetail(db: Reader, code: string, asOf: string) {
  const risk = riskAsOf(db, { asOf, code });
  if (!risk) return null;
  const assessor = alias(users, "assessor");
  const assessments = db
    .select({
      id: riskAssessments.id,
      assessedOn: riskAssessments.assessedOn,
      likelihood: riskAssessments.likelihood,
      impact: riskAssessments.impact,
      rationale: riskAssessments.rationale,
      assessedBy: assessor.name,
    })
    .from(riskAssessments)
    .leftJoin(assessor, eq(assessor.id, riskAssessments.assessedById))
    .where(eq(riskAssessments.riskId, risk.id))
    .orderBy(asc(riskAssessments.assessedOn), asc(riskAssessments.id))
    .all();
  const requester = alias(users, "requester");
  const decider = alias(users, "decider");
  const acceptances = db
    .select({
      id: riskAcceptances.id,
      requestedAt: riskAcceptances.requestedAt,
      requestedBy: requester.name,
      justification: riskAcceptances.justification,
      expiresOn: riskAcceptances.expiresOn,
      state: riskAcceptances.state,
      decidedBy: decider.name,
      decidedAt: riskAcceptances.decidedAt,
      decisionNote: riskAcceptances.decisionNote,
      version: riskAcceptances.version,
    })
    .from(riskAcceptances)
    .leftJoin(requester, eq(requester.id, riskAcceptances.requestedById))
    .leftJoin(decider, eq(decider.id, riskAcceptances.decidedById))
    .where(eq(riskAcceptances.riskId, risk.id))
    .orderBy(desc(riskAcceptances.requestedAt), desc(riskAcceptances.id))
    .all();
  const linkedWorkstreams = db
    .select({
      id: workstreams.id,
      code: workstreams.code,
      name: workstreams.name,
      lifecycleStatus: workstreams.lifecycleStatus,
      percentComplete: workstreamPercent,
    })
    .from(riskWorkstreams)
    .innerJoin(workstreams, eq(workstreams.id, riskWorkstreams.workstreamId))
    .where(eq(riskWorkstreams.riskId, risk.id))
    .orderBy(asc(workstreams.code))
    .all()
    .map((w) => ({ ...w, percentComplete: Math.round(Number(w.percentComplete)) }));
  const linkedMilestones = db
    .select({
      id: milestones.id,
      code: milestones.code,
      title: milestones.title,
      workstreamCode: workstreams.code,
      baselineDate: milestones.baselineDate,
      forecastDate: milestones.forecastDate,
      actualDate: milestones.actualDate,
      status: milestones.status,
      percentComplete: milestones.percentComplete,
      weight: milestones.weight,
      slipped: sql<number>`case when ${milestoneSlipped} then 1 else 0 end`,
    })
    .from(riskMilestones)
    .innerJoin(milestones, eq(milestones.id, riskMilestones.milestoneId))
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .where(eq(riskMilestones.riskId, risk.id))
    .orderBy(asc(milestones.baselineDate), asc(milestones.code))
    .all()
    .map((m) => ({ ...m, slipped: Boolean(m.slipped) }));
  return { risk, assessments, acceptances, linkedWorkstreams, linkedMilestones, treatment: treatmentProgress(linkedMilestones) };
}
export type RiskDetail = NonNullable<ReturnType<typeof riskDetail>>;
