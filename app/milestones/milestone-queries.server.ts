import { and, asc, desc, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { deliverables, engagements, milestoneBaselines, milestoneDependencies, milestones, users, workstreams } from "#db/schema";
import { addDays } from "~/money/fiscal";
import type { MilestoneFilters } from "./milestone-schemas";
import { isOverdue, slipDays } from "./slip";

type Read = Pick<Db, "select">;

const OPEN = sql`${milestones.status} in ('not_started', 'in_progress')`;
/** The date an open milestone is expected: its forecast, or its baseline when nobody forecast it. */
const DUE = sql`coalesce(${milestones.forecastDate}, ${milestones.baselineDate})`;
/** Slipped: actual (or forecast) after baseline, as in the dashboard rollup. */
export const SLIPPED = sql`(${milestones.status} <> 'cancelled' and coalesce(${milestones.actualDate}, ${milestones.forecastDate}) > ${milestones.baselineDate})`;

/** The SQL conditions for the list's query-string filters; the CSV export uses the very same ones. */
export function milestoneConditions(filters: MilestoneFilters, today: string): SQL[] {
  const where: SQL[] = [];
  if (filters.workstream) where.push(eq(workstreams.code, filters.workstream));
  if (filters.status) where.push(eq(milestones.status, filters.status));
  if (filters.slipped) where.push(SLIPPED);
  if (filters.due === "overdue") where.push(and(OPEN, sql`${DUE} < ${today}`)!);
  if (filters.due === "30" || filters.due === "90") {
    where.push(and(OPEN, sql`${DUE} >= ${today}`, sql`${DUE} <= ${addDays(today, Number(filters.due))}`)!);
  }
  if (filters.q)
    where.push(sql`(lower(${milestones.title}) like ${`%${filters.q.toLowerCase()}%`} or ${like(milestones.code, `%${filters.q.toUpperCase()}%`)})`);
  return where;
}

export const milestoneListColumns = {
  id: milestones.id,
  code: milestones.code,
  title: milestones.title,
  description: milestones.description,
  workstreamId: milestones.workstreamId,
  workstreamCode: workstreams.code,
  workstreamName: workstreams.name,
  ownerId: workstreams.ownerId,
  baselineDate: milestones.baselineDate,
  forecastDate: milestones.forecastDate,
  actualDate: milestones.actualDate,
  status: milestones.status,
  percentComplete: milestones.percentComplete,
  weight: milestones.weight,
  criticalPath: milestones.criticalPath,
  version: milestones.version,
};

export type MilestoneListRow = ReturnType<typeof listMilestones>[number];

export function listMilestones(db: Read, filters: MilestoneFilters, today: string) {
  return db
    .select(milestoneListColumns)
    .from(milestones)
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .where(and(...milestoneConditions(filters, today)))
    .orderBy(asc(workstreams.code), asc(milestones.baselineDate), asc(milestones.code))
    .all()
    .map((m) => ({ ...m, slipDays: slipDays(m), overdue: isOverdue(m, today) }));
}

export function getMilestone(db: Read, id: number) {
  return db
    .select({ ...milestoneListColumns, createdAt: milestones.createdAt, updatedAt: milestones.updatedAt })
    .from(milestones)
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .where(eq(milestones.id, id))
    .get();
}

export function milestoneDetail(db: Read, id: number, today: string) {
  const m = getMilestone(db, id);
  if (!m) return null;
  const dep = db
    .select({
      id: milestones.id,
      code: milestones.code,
      title: milestones.title,
      status: milestones.status,
      baselineDate: milestones.baselineDate,
      forecastDate: milestones.forecastDate,
      actualDate: milestones.actualDate,
    })
    .from(milestoneDependencies)
    .innerJoin(milestones, eq(milestones.id, milestoneDependencies.dependsOnId))
    .where(eq(milestoneDependencies.milestoneId, id))
    .orderBy(asc(milestones.code))
    .all()
    .map((d) => ({ ...d, slipDays: slipDays(d) }));
  const dependents = db
    .select({ id: milestones.id, code: milestones.code, title: milestones.title })
    .from(milestoneDependencies)
    .innerJoin(milestones, eq(milestones.id, milestoneDependencies.milestoneId))
    .where(eq(milestoneDependencies.dependsOnId, id))
    .orderBy(asc(milestones.code))
    .all();
  const baselineHistory = db
    .select({
      id: milestoneBaselines.id,
      previousDate: milestoneBaselines.previousDate,
      newDate: milestoneBaselines.newDate,
      reason: milestoneBaselines.reason,
      changedAt: milestoneBaselines.changedAt,
      changedBy: users.name,
    })
    .from(milestoneBaselines)
    .leftJoin(users, eq(users.id, milestoneBaselines.changedById))
    .where(eq(milestoneBaselines.milestoneId, id))
    .orderBy(desc(milestoneBaselines.changedAt), desc(milestoneBaselines.id))
    .all();
  const linkedDeliverables = db
    .select({
      id: deliverables.id,
      title: deliverables.title,
      dueDate: deliverables.dueDate,
      status: deliverables.status,
      engagementId: engagements.id,
      engagementTitle: engagements.title,
    })
    .from(deliverables)
    .innerJoin(engagements, eq(engagements.id, deliverables.engagementId))
    .where(eq(deliverables.milestoneId, id))
    .all();
  return {
    milestone: { ...m, slipDays: slipDays(m), overdue: isOverdue(m, today) },
    dependsOn: dep,
    dependents,
    baselineHistory,
    deliverables: linkedDeliverables,
  };
}

/** Milestones a dependency may point at (all but itself), for the picker. */
export function milestoneOptions(db: Read, excludeId?: number) {
  const rows = db
    .select({ id: milestones.id, code: milestones.code, title: milestones.title, workstreamCode: workstreams.code })
    .from(milestones)
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .orderBy(asc(workstreams.code), asc(milestones.code))
    .all();
  return excludeId ? rows.filter((r) => r.id !== excludeId) : rows;
}

export function dependencyEdges(db: Read) {
  return db.select({ milestoneId: milestoneDependencies.milestoneId, dependsOnId: milestoneDependencies.dependsOnId }).from(milestoneDependencies).all();
}

export function milestoneCodes(db: Read, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  return new Map(
    db
      .select({ id: milestones.id, code: milestones.code })
      .from(milestones)
      .where(inArray(milestones.id, ids))
      .all()
      .map((r) => [r.id, r.code]),
  );
}

export function dependsOnIds(db: Read, milestoneId: number): number[] {
  return db
    .select({ id: milestoneDependencies.dependsOnId })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.milestoneId, milestoneId))
    .all()
    .map((r) => r.id);
}

/** Workstreams a user may add milestones to: all for the CISO office, their own for a lead. */
export function workstreamOptions(db: Read, onlyOwnerId?: number) {
  return db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(workstreams)
    .where(onlyOwnerId === undefined ? undefined : eq(workstreams.ownerId, onlyOwnerId))
    .orderBy(asc(workstreams.code))
    .all();
}
