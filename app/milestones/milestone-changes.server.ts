import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { milestoneBaselines, milestoneDependencies, milestoneForecastChanges, milestones, workstreams } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { missingIds } from "~/utils/references.server";
import { milestoneHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { describeCycle, findDependencyCycle } from "./dependency-cycle";
import { fieldError } from "~/utils/field-errors";
import { dependencyEdges, dependsOnIds, milestoneCodes } from "./milestone-queries.server";
import { FORECAST_REASON_MIN, type MilestoneCreateInput, type MilestoneEditInput } from "./milestone-schemas";

/** Fields the conflict page compares between what the editor sent and what is stored. */
export const MILESTONE_COMPARED_FIELDS = ["title", "description", "forecastDate", "actualDate", "status", "percentComplete", "weight", "criticalPath"];

function checkDependencies(tx: Tx, milestoneId: number, dependsOn: number[]) {
  const unique = [...new Set(dependsOn)];
  const codes = milestoneCodes(tx, [...unique, milestoneId]);
  const missing = unique.filter((id) => !codes.has(id));
  if (missing.length) throw fieldError("dependsOn", "A chosen dependency no longer exists.");
  const cycle = findDependencyCycle(dependencyEdges(tx), milestoneId, unique);
  if (cycle) {
    const names = milestoneCodes(tx, cycle);
    throw fieldError("dependsOn", `These dependencies would create a cycle: ${describeCycle(cycle, (id) => names.get(id) ?? `#${id}`)}.`);
  }
  return unique;
}

function replaceDependencies(tx: Tx, milestoneId: number, dependsOn: number[]) {
  tx.delete(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, milestoneId)).run();
  if (dependsOn.length)
    tx.insert(milestoneDependencies)
      .values(dependsOn.map((d) => ({ milestoneId, dependsOnId: d })))
      .run();
}

export function createMilestone(db: Db, ctx: AuditContext, input: MilestoneCreateInput) {
  return db.transaction((tx) => {
    if (tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.code, input.code)).get()) {
      throw fieldError("code", `Milestone ${input.code} already exists.`);
    }
    if (missingIds(tx, workstreams.id, [input.workstreamId]).length) throw fieldError("workstreamId", "Choose a workstream from the list.");
    const { dependsOn, ...values } = input;
    const row = tx
      .insert(milestones)
      .values({ ...values, originalBaselineDate: values.baselineDate, forecastDate: values.forecastDate ?? null, actualDate: values.actualDate ?? null })
      .returning()
      .get();
    // The milestone exists from this instant on: as of an earlier date it is not counted.
    recordVersion(tx, milestoneHistorySpec, row.id, row, row.createdAt);
    const deps = checkDependencies(tx, row.id, dependsOn);
    replaceDependencies(tx, row.id, deps);
    writeAudit(tx, ctx, { action: "milestone.create", entity: "milestone", entityId: row.id, after: { ...row, dependsOn: deps } });
    return row;
  });
}

export function updateMilestone(db: Db, ctx: AuditContext, id: number, input: MilestoneEditInput) {
  return db.transaction((tx) => {
    const before = tx.select().from(milestones).where(eq(milestones.id, id)).get();
    const depsBefore = dependsOnIds(tx, id);
    const deps = checkDependencies(tx, id, input.dependsOn);
    const forecast = input.forecastDate ?? null;
    // A re-forecast tells the programme a date has moved: it says why (issue 13), and the reason is kept in its history.
    const reforecast = before !== undefined && before.version === input.version && (before.forecastDate ?? null) !== forecast;
    if (reforecast && input.forecastReason.length < FORECAST_REASON_MIN)
      throw fieldError(
        "forecastReason",
        `The forecast moves from ${before.forecastDate ?? "none"} to ${forecast ?? "none"}: say why, in at least ${FORECAST_REASON_MIN} characters.`,
      );
    const after = updateVersioned(tx, milestones, "milestone", id, input.version, {
      title: input.title,
      description: input.description,
      forecastDate: input.forecastDate ?? null,
      actualDate: input.actualDate ?? null,
      status: input.status,
      percentComplete: input.percentComplete,
      weight: input.weight,
      criticalPath: input.criticalPath,
    });
    replaceDependencies(tx, id, deps);
    if (reforecast)
      tx.insert(milestoneForecastChanges)
        .values({ milestoneId: id, previousDate: before.forecastDate ?? null, newDate: forecast, reason: input.forecastReason, changedById: ctx.actorId })
        .run();
    writeAudit(tx, ctx, {
      action: "milestone.update",
      entity: "milestone",
      entityId: id,
      before: { ...before, dependsOn: depsBefore },
      after: { ...after, dependsOn: deps, ...(reforecast ? { forecastReason: input.forecastReason } : {}) },
    });
    return after;
  });
}

export function completeMilestone(db: Db, ctx: AuditContext, id: number, version: number, actualDate: string) {
  return db.transaction((tx) => {
    const before = tx.select().from(milestones).where(eq(milestones.id, id)).get();
    const after = updateVersioned(tx, milestones, "milestone", id, version, { status: "done", actualDate, percentComplete: 100 });
    writeAudit(tx, ctx, { action: "milestone.complete", entity: "milestone", entityId: id, before, after });
    return after;
  });
}

/** The only way a baseline moves: the old and new dates and the reason are kept in milestone_baselines. */
export function rebaselineMilestone(db: Db, ctx: AuditContext, id: number, input: { version: number; newBaselineDate: string; reason: string }) {
  return db.transaction((tx) => {
    const before = tx.select().from(milestones).where(eq(milestones.id, id)).get();
    if (before && before.baselineDate === input.newBaselineDate) throw fieldError("newBaselineDate", "That is already the baseline.");
    const after = updateVersioned(tx, milestones, "milestone", id, input.version, { baselineDate: input.newBaselineDate });
    const history = tx
      .insert(milestoneBaselines)
      .values({ milestoneId: id, previousDate: before!.baselineDate, newDate: input.newBaselineDate, reason: input.reason, changedById: ctx.actorId })
      .returning()
      .get();
    writeAudit(tx, ctx, {
      action: "milestone.rebaseline",
      entity: "milestone",
      entityId: id,
      before: { baselineDate: before!.baselineDate },
      after: { baselineDate: after.baselineDate, reason: input.reason, historyId: history.id },
    });
    return after;
  });
}
