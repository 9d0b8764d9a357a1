import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "#db/connection";
import { milestones, riskAssessments, riskMilestones, risks, riskWorkstreams, users, workstreams } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { riskHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { getSetting } from "~/settings/settings.server";
import { assessmentDateError } from "./assessment-dates.server";
import { recordLinks } from "./link-history.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { missingIds } from "~/utils/references.server";
import { levelFor } from "./matrix";
import type { EditRiskSchema, NewRiskSchema, RescoreSchema } from "./risk-schemas";

/** Field errors found against the database (unknown links, a taken code), keyed like the form. */
export class RiskInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("The risk could not be saved.");
  }
}

function checkLinks(tx: Tx, workstreamIds: number[], milestoneIds: number[], ownerId: number | undefined) {
  const errors: Record<string, string[]> = {};
  if (missingIds(tx, users.id, [ownerId]).length) errors.ownerId = ["Choose the owner from the list."];
  if (workstreamIds.length) {
    const found = tx.select({ id: workstreams.id }).from(workstreams).where(inArray(workstreams.id, workstreamIds)).all();
    if (found.length !== new Set(workstreamIds).size) errors.workstreamIds = ["Choose existing workstreams."];
  }
  if (milestoneIds.length) {
    const found = tx.select({ id: milestones.id }).from(milestones).where(inArray(milestones.id, milestoneIds)).all();
    if (found.length !== new Set(milestoneIds).size) errors.milestoneIds = ["Choose existing milestones."];
  }
  if (Object.keys(errors).length) throw new RiskInputError(errors);
}

/** Replaces a risk's links, ending the history of the removed ones and opening the added ones' in the same transaction. */
export function replaceLinks(tx: Tx, riskId: number, workstreamIds: number[], milestoneIds: number[]) {
  recordLinks(tx, riskId, { workstreamIds, milestoneIds });
  tx.delete(riskWorkstreams).where(eq(riskWorkstreams.riskId, riskId)).run();
  tx.delete(riskMilestones).where(eq(riskMilestones.riskId, riskId)).run();
  for (const workstreamId of new Set(workstreamIds)) tx.insert(riskWorkstreams).values({ riskId, workstreamId }).run();
  for (const milestoneId of new Set(milestoneIds)) tx.insert(riskMilestones).values({ riskId, milestoneId }).run();
}

function linksOf(tx: Tx | Db, riskId: number) {
  return {
    workstreamIds: tx
      .select({ id: riskWorkstreams.workstreamId })
      .from(riskWorkstreams)
      .where(eq(riskWorkstreams.riskId, riskId))
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b),
    milestoneIds: tx
      .select({ id: riskMilestones.milestoneId })
      .from(riskMilestones)
      .where(eq(riskMilestones.riskId, riskId))
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b),
  };
}

/** A new risk, its first assessment (its current score) and its links, in one audited transaction. */
export function createRisk(db: Db, ctx: AuditContext, input: z.infer<typeof NewRiskSchema>, asOf: string) {
  return db.transaction((tx) => {
    if (tx.select({ id: risks.id }).from(risks).where(eq(risks.code, input.code)).get()) throw new RiskInputError({ code: ["That code is already used."] });
    checkLinks(tx, input.workstreamIds, input.milestoneIds, input.ownerId);
    const m = getSetting(tx, "risk_matrix");
    const { workstreamIds, milestoneIds, ...values } = input;
    const risk = tx
      .insert(risks)
      .values({
        ...values,
        ownerId: values.ownerId ?? null,
        nextReviewDate: values.nextReviewDate ?? null,
        inherentLevel: levelFor(m, values.inherentLikelihood, values.inherentImpact),
        currentLevel: levelFor(m, values.currentLikelihood, values.currentImpact),
        targetLevel: levelFor(m, values.targetLikelihood, values.targetImpact),
      })
      .returning()
      .get();
    recordVersion(tx, riskHistorySpec, risk.id, risk);
    tx.insert(riskAssessments)
      .values({
        riskId: risk.id,
        assessedOn: asOf,
        likelihood: risk.currentLikelihood,
        impact: risk.currentImpact,
        rationale: "Initial assessment",
        assessedById: ctx.actorId,
      })
      .run();
    replaceLinks(tx, risk.id, workstreamIds, milestoneIds);
    writeAudit(tx, ctx, { action: "risk.create", entity: "risk", entityId: risk.id, after: { ...risk, workstreamIds, milestoneIds } });
    return risk;
  });
}

/** Edits a risk's description, inherent and target scores, treatment and links against the version the editor saw. */
export function updateRisk(db: Db, ctx: AuditContext, riskId: number, input: z.infer<typeof EditRiskSchema>) {
  return db.transaction((tx) => {
    checkLinks(tx, input.workstreamIds, input.milestoneIds, input.ownerId);
    const before = tx.select().from(risks).where(eq(risks.id, riskId)).get();
    const beforeLinks = linksOf(tx, riskId);
    const m = getSetting(tx, "risk_matrix");
    const { workstreamIds, milestoneIds, version, ...values } = input;
    const after = updateVersioned(tx, risks, "risk", riskId, version, {
      ...values,
      ownerId: values.ownerId ?? null,
      nextReviewDate: values.nextReviewDate ?? null,
      inherentLevel: levelFor(m, values.inherentLikelihood, values.inherentImpact),
      targetLevel: levelFor(m, values.targetLikelihood, values.targetImpact),
    });
    replaceLinks(tx, riskId, workstreamIds, milestoneIds);
    writeAudit(tx, ctx, {
      action: "risk.update",
      entity: "risk",
      entityId: riskId,
      before: { ...before, ...beforeLinks },
      after: { ...after, workstreamIds: [...workstreamIds].sort((a, b) => a - b), milestoneIds: [...milestoneIds].sort((a, b) => a - b) },
    });
    return after;
  });
}

/**
 * Records a dated assessment and makes the risk's current score its latest
 * assessment (a back-dated one joins the history without overriding a newer
 * score). The risk's version moves either way, so two people re-scoring from
 * the same page cannot both believe theirs is current.
 */
export function rescoreRisk(db: Db, ctx: AuditContext, riskId: number, input: z.infer<typeof RescoreSchema>) {
  return db.transaction((tx) => {
    const before = tx.select().from(risks).where(eq(risks.id, riskId)).get();
    if (!before) throw new Response("This risk no longer exists.", { status: 404 });
    const dateError = assessmentDateError(tx, input.assessedOn);
    if (dateError) throw new RiskInputError({ assessedOn: [dateError] });
    const assessment = tx
      .insert(riskAssessments)
      .values({
        riskId,
        assessedOn: input.assessedOn,
        likelihood: input.likelihood,
        impact: input.impact,
        rationale: input.rationale,
        assessedById: ctx.actorId,
      })
      .returning()
      .get();
    const latest = tx
      .select()
      .from(riskAssessments)
      .where(and(eq(riskAssessments.riskId, riskId)))
      .orderBy(desc(riskAssessments.assessedOn), desc(riskAssessments.id))
      .limit(1)
      .get()!;
    const m = getSetting(tx, "risk_matrix");
    const after = updateVersioned(tx, risks, "risk", riskId, input.version, {
      currentLikelihood: latest.likelihood,
      currentImpact: latest.impact,
      currentLevel: levelFor(m, latest.likelihood, latest.impact),
    });
    writeAudit(tx, ctx, {
      action: "risk.rescore",
      entity: "risk",
      entityId: riskId,
      before: { currentLikelihood: before.currentLikelihood, currentImpact: before.currentImpact, currentLevel: before.currentLevel },
      after: {
        assessmentId: assessment.id,
        assessedOn: assessment.assessedOn,
        rationale: assessment.rationale,
        currentLikelihood: after.currentLikelihood,
        currentImpact: after.currentImpact,
        currentLevel: after.currentLevel,
      },
    });
    return { risk: after, assessment };
  });
}
