import { and, asc, desc, eq, gt, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { countByIdWindows, idRangeOf } from "~/exports/id-windows.server";
import { EXPORT_BATCH_SIZE } from "~/exports/batches.server";
import type { Db } from "#db/connection";
import { deliverables, engagements, milestoneBaselines, milestoneForecastChanges, milestoneDependencies, milestones, users, workstreams } from "#db/schema";
import { defaultPeriodStart, milestonePredicates, milestonesAsOf, type MilestonesAsOf, slipOf } from "~/figures/milestones.server";
import type { MilestoneFilters } from "./milestone-schemas";
import { todayIso } from "~/time/today.server";
import { isoDate } from "~/utils/iso-date";
import { byCodeLength, byCodeNumber } from "~/utils/code-order";
import type { ListParams, ListSpec, SortDir } from "~/lists/list-params";
import { countAll, ordered, orderFor, runPage } from "~/lists/page.server";
import { searchAny } from "~/lists/search.server";
import { memoFigure } from "~/figures/memo.server";

type Read = Pick<Db, "select">;

/**
 * The SQL conditions for the list's query-string filters, over the
 * milestones as of the date; "slipped", "overdue" and "due within" are the
 * figures layer's own predicates, so a count links to exactly its rows. The
 * CSV export and the API use the very same ones.
 */
export function milestoneConditions(m: MilestonesAsOf, filters: MilestoneFilters, asOf: string): SQL[] {
  const p = milestonePredicates(m, asOf);
  const where: SQL[] = [];
  if (filters.workstream) where.push(eq(workstreams.code, filters.workstream));
  if (filters.status) where.push(eq(m.status, filters.status));
  if (filters.slipped) where.push(p.slipped);
  if (filters.slippedOriginal) where.push(p.slippedOriginal);
  if (filters.rebaselined) where.push(p.rebaselined);
  if (filters.due === "overdue") where.push(p.overdue);
  if (filters.due === "30" || filters.due === "90") where.push(p.dueWithin(Number(filters.due)));
  const search = filters.q ? searchAny(filters.q, [milestones.code, milestones.title, milestones.description]) : undefined;
  if (search) where.push(search);
  return where;
}

const liveColumns = {
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

/**
 * Milestones as they stood at the end of `asOf` (today for the pages), with
 * their slip against the baseline in force and against the original one, and
 * how often (ever, and in the as-of date's quarter) the baseline moved.
 */
export function listMilestones(db: Read, filters: MilestoneFilters, asOf: string) {
  return milestoneRows(db, asOf, (m) => milestoneConditions(m, filters, asOf));
}

export const MILESTONE_SORTS = ["workstream", "code", "title", "baseline", "forecast", "actual", "status", "done"] as const;
export type MilestoneSort = (typeof MILESTONE_SORTS)[number];
export const MILESTONE_LIST: ListSpec<MilestoneSort> = { sorts: MILESTONE_SORTS, defaultSort: "workstream", defaultDir: "asc" };

/**
 * Orders over the as-of milestones. Milestone codes hang off their
 * workstream (M-WS07-05), so code order is the workstream's number, then the
 * code's natural order (app/utils/code-order.ts).
 */
function milestoneOrders(m: MilestonesAsOf): Record<MilestoneSort, (dir: SortDir) => SQL[]> {
  return {
    workstream: (dir) => [...byCodeNumber(workstreams.code, "WS-", dir), ordered(m.baselineDate, dir), ...byCodeLength(milestones.code, dir)],
    code: (dir) => [...byCodeNumber(workstreams.code, "WS-", dir), ...byCodeLength(milestones.code, dir)],
    title: (dir) => [ordered(sql`lower(${milestones.title})`, dir)],
    baseline: (dir) => [ordered(m.baselineDate, dir)],
    forecast: (dir) => [ordered(sql`coalesce(${m.forecastDate}, ${m.baselineDate})`, dir)],
    actual: (dir) => [ordered(sql`${m.actualDate} is null`, "asc"), ordered(m.actualDate, dir)],
    status: (dir) => [ordered(m.status, dir)],
    done: (dir) => [ordered(milestones.percentComplete, dir)],
  };
}

/**
 * One page of the milestone list: the count and the page's rows over the
 * same as-of conditions the CSV export uses, so "1–50 of N" counts exactly
 * what the export holds.
 */
function pageMilestonesUncached(db: Read, filters: MilestoneFilters, asOf: string, params: ListParams<MilestoneSort>) {
  const m = milestonesAsOf(db, asOf, defaultPeriodStart(db, asOf));
  const where = and(...milestoneConditions(m, filters, asOf));
  return runPage(params, {
    count: () => countMilestones(db, m, where),
    rows: ({ limit, offset }) =>
      milestoneRows(db, asOf, () => milestoneConditions(m, filters, asOf), {
        m,
        order: orderFor(params, milestoneOrders(m), asc(milestones.id)),
        limit,
        offset,
      }),
  });
}

function countMilestones(db: Read, m: MilestonesAsOf, where: SQL | undefined): number {
  return (
    db
      .select({ n: countAll })
      .from(m)
      .innerJoin(milestones, eq(milestones.id, m.id))
      .innerJoin(workstreams, eq(workstreams.id, m.workstreamId))
      .where(where)
      .get()?.n ?? 0
  );
}

/**
 * The API's page (app/api/paging.server.ts): the filtered milestones in id
 * order after the cursor's id, `limit + 1` of them so the caller knows
 * whether another page follows. One statement whatever the depth: the id
 * bound reaches the index on milestone_history.
 */
export function milestonesAfterId(db: Read, filters: MilestoneFilters, asOf: string, page: { after: number | undefined; limit: number }) {
  const m = milestonesAsOf(db, asOf, defaultPeriodStart(db, asOf));
  return milestoneRows(db, asOf, () => [...milestoneConditions(m, filters, asOf), ...(page.after ? [gt(m.id, page.after)] : [])], {
    m,
    order: [asc(m.id)],
    limit: page.limit + 1,
    offset: 0,
  });
}

/**
 * The list's rows (in its default order: workstream code, baseline, code)
 * a few workstreams at a time, for the CSV export: each batch is one query
 * over the workstreams it covers (the index on the history's workstream),
 * sized so a batch holds about `size` milestones, and the batches in
 * workstream order concatenate to exactly `listMilestones`.
 */
export async function* milestoneBatches(db: Read, filters: MilestoneFilters, asOf: string, size = EXPORT_BATCH_SIZE): AsyncGenerator<MilestoneListRow[]> {
  const m = milestonesAsOf(db, asOf, defaultPeriodStart(db, asOf));
  const streams = db
    .select({ id: workstreams.id })
    .from(workstreams)
    .orderBy(asc(workstreams.code))
    .all()
    .map((w) => w.id);
  const total = db.select({ n: countAll }).from(milestones).get()?.n ?? 0;
  const perStream = Math.max(1, Math.ceil(total / Math.max(1, streams.length)));
  const group = Math.max(1, Math.floor(size / perStream));
  for (let i = 0; i < streams.length; i += group) {
    const ids = streams.slice(i, i + group);
    const rows = milestoneRows(db, asOf, () => [...milestoneConditions(m, filters, asOf), inArray(m.workstreamId, ids)], {
      m,
      order: [asc(workstreams.code), asc(m.baselineDate), asc(milestones.code)],
    });
    if (rows.length) yield rows;
  }
}

/**
 * How many milestones match, counted by windows of ids with a turn of the
 * event loop between them: one count over every milestone as of a day
 * joins tens of thousands of rows (half a second at 100× the demo), which
 * an API total or an export's audit event must not hold the server for.
 */
export function countMilestonesByWindows(db: Read, filters: MilestoneFilters, asOf: string, signal?: AbortSignal): Promise<number> {
  const m = milestonesAsOf(db, asOf, defaultPeriodStart(db, asOf));
  const conditions = milestoneConditions(m, filters, asOf);
  return countByIdWindows(
    idRangeOf(db, milestones, milestones.id),
    (w) => countMilestones(db, m, and(...conditions, gte(m.id, w.low), lte(m.id, w.high))),
    signal,
  );
}

function milestoneRows(
  db: Read,
  asOf: string,
  conditions: (m: MilestonesAsOf) => SQL[],
  window?: { m: MilestonesAsOf; order: SQL[]; limit?: number; offset?: number },
) {
  const m = window?.m ?? milestonesAsOf(db, asOf, defaultPeriodStart(db, asOf));
  const p = milestonePredicates(m, asOf);
  const query = db
    .select({
      id: m.id,
      code: milestones.code,
      title: milestones.title,
      description: milestones.description,
      workstreamId: m.workstreamId,
      workstreamCode: workstreams.code,
      workstreamName: workstreams.name,
      ownerId: workstreams.ownerId,
      baselineDate: m.baselineDate,
      originalBaselineDate: m.originalBaselineDate,
      forecastDate: m.forecastDate,
      actualDate: m.actualDate,
      expectedDate: m.expectedDate,
      status: m.status,
      percentComplete: milestones.percentComplete,
      weight: m.weight,
      criticalPath: m.criticalPath,
      version: milestones.version,
      rebaselines: m.rebaselines,
      rebaselinesInPeriod: m.rebaselinesInPeriod,
      overdue: sql<number>`case when ${p.overdue} then 1 else 0 end`,
    })
    .from(m)
    .innerJoin(milestones, eq(milestones.id, m.id))
    .innerJoin(workstreams, eq(workstreams.id, m.workstreamId))
    .where(and(...conditions(m)))
    .orderBy(...(window?.order ?? [asc(workstreams.code), asc(m.baselineDate), asc(milestones.code)]));
  return (window?.limit !== undefined ? query.limit(window.limit).offset(window.offset ?? 0) : query).all().map((r) => ({
    ...r,
    criticalPath: Boolean(r.criticalPath),
    rebaselines: Number(r.rebaselines),
    rebaselinesInPeriod: Number(r.rebaselinesInPeriod),
    overdue: Boolean(r.overdue),
    ...slipOf(r),
  }));
}

export function getMilestone(db: Read, id: number) {
  return db
    .select({ ...liveColumns, originalBaselineDate: milestones.originalBaselineDate, createdAt: milestones.createdAt, updatedAt: milestones.updatedAt })
    .from(milestones)
    .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .where(eq(milestones.id, id))
    .get();
}

export function milestoneDetail(db: Read, id: number, today: string) {
  const m = getMilestone(db, id);
  if (!m) return null;
  // Slip, overdue and re-baselines come from the figures layer, as of today.
  const figures = milestoneRows(db, today, (ms) => [eq(ms.id, id)])[0];
  const dep = milestoneRows(db, today, (ms) => [
    inArray(ms.id, db.select({ id: milestoneDependencies.dependsOnId }).from(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, id))),
  ]).sort((a, b) => a.code.localeCompare(b.code));
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
  const forecastHistory = db
    .select({
      id: milestoneForecastChanges.id,
      previousDate: milestoneForecastChanges.previousDate,
      newDate: milestoneForecastChanges.newDate,
      reason: milestoneForecastChanges.reason,
      changedAt: milestoneForecastChanges.changedAt,
      changedBy: users.name,
    })
    .from(milestoneForecastChanges)
    .leftJoin(users, eq(users.id, milestoneForecastChanges.changedById))
    .where(eq(milestoneForecastChanges.milestoneId, id))
    .orderBy(desc(milestoneForecastChanges.changedAt), desc(milestoneForecastChanges.id))
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
    milestone: {
      ...m,
      slipDays: figures?.slipDays ?? 0,
      slipDaysOriginal: figures?.slipDaysOriginal ?? 0,
      rebaselines: figures?.rebaselines ?? 0,
      overdue: figures?.overdue ?? false,
    },
    dependsOn: dep,
    dependents,
    baselineHistory,
    forecastHistory,
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
/**
 * The workstreams a list's filter offers as a drop-down: every one while
 * there are at most FILTER_SELECT_MAX, else null and the filter is a code
 * field (at 100x the demo 900 options made 100 KB of every list page).
 */
export const FILTER_SELECT_MAX = 50;
export function workstreamFilterOptions(db: Read): Array<{ code: string; name: string }> | null {
  const rows = db
    .select({ code: workstreams.code, name: workstreams.name })
    .from(workstreams)
    .orderBy(asc(workstreams.code))
    .limit(FILTER_SELECT_MAX + 1)
    .all();
  return rows.length > FILTER_SELECT_MAX ? null : rows;
}

export function workstreamOptions(db: Read, onlyOwnerId?: number) {
  return db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(workstreams)
    .where(onlyOwnerId === undefined ? undefined : eq(workstreams.ownerId, onlyOwnerId))
    .orderBy(asc(workstreams.code))
    .all();
}

/**
 * `?asOf=YYYY-MM-DD` on the milestone list and its CSV (the dashboard's
 * figures for a past quarter link here): a real date no later than today;
 * today when absent. Anything else is a 400 with a reason.
 */
export function listAsOf(url: URL): string {
  const today = todayIso();
  const raw = url.searchParams.get("asOf");
  if (!raw) return today;
  const parsed = isoDate("asOf").safeParse(raw);
  if (!parsed.success || parsed.data > today) throw new Response(`asOf must be a real date written YYYY-MM-DD, no later than ${today}.`, { status: 400 });
  return parsed.data;
}

/** A page of the milestone list, kept by the figures cache until the data changes (the as-of subquery reads every milestone). */
export const pageMilestones = memoFigure("pageMilestones", pageMilestonesUncached);
