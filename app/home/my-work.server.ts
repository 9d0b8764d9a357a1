import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestones, statusReports, workstreams } from "#db/schema";
import { defaultPeriodStart, milestonePredicates, milestonesAsOf } from "~/figures/milestones.server";
import { reportsDue } from "~/status-reports/report-due.server";
import { type Bounded, DUE_SOON_DAYS, HOME_LIST_LIMIT } from "./limits";

type Reader = Pick<Db, "select">;

export type MyMilestone = { id: number; code: string; title: string; workstreamCode: string; dueDate: string; baselineDate: string };

/**
 * A lead's milestones as of today in three lists, each with its count: due
 * within 30 days, overdue, slipped (open and expected after the baseline in
 * force). Every predicate is the figures layer's (app/figures/milestones.server.ts).
 */
export function myMilestones(db: Reader, ownerId: number, today: string, limit = HOME_LIST_LIMIT) {
  const m = milestonesAsOf(db, today, defaultPeriodStart(db, today));
  const p = milestonePredicates(m, today);
  const mine = eq(workstreams.ownerId, ownerId);
  const list = (condition: SQL, order: SQL): Bounded<MyMilestone> => {
    const where = and(mine, condition);
    const total = db
      .select({ n: sql<number>`count(*)` })
      .from(m)
      .innerJoin(workstreams, eq(workstreams.id, m.workstreamId))
      .where(where)
      .get();
    const rows = db
      .select({
        id: m.id,
        code: milestones.code,
        title: milestones.title,
        workstreamCode: workstreams.code,
        dueDate: m.dueDate,
        baselineDate: m.baselineDate,
      })
      .from(m)
      .innerJoin(milestones, eq(milestones.id, m.id))
      .innerJoin(workstreams, eq(workstreams.id, m.workstreamId))
      .where(where)
      .orderBy(order, asc(milestones.code))
      .limit(limit)
      .all();
    return { total: Number(total?.n ?? 0), rows };
  };
  return {
    dueSoon: list(p.dueWithin(DUE_SOON_DAYS), sql`${m.dueDate} asc`),
    overdue: list(p.overdue, sql`${m.dueDate} asc`),
    slipped: list(sql`(${p.open} and ${p.slipped})`, sql`${m.dueDate} asc`),
  };
}

/** Drafts of status reports in the lead's workstreams, oldest month first. */
export function myDrafts(db: Reader, ownerId: number, limit = HOME_LIST_LIMIT) {
  const where = and(eq(statusReports.state, "draft"), eq(workstreams.ownerId, ownerId));
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(statusReports)
    .innerJoin(workstreams, eq(workstreams.id, statusReports.workstreamId))
    .where(where)
    .get();
  const rows = db
    .select({
      id: statusReports.id,
      period: statusReports.period,
      revision: statusReports.revision,
      workstreamCode: workstreams.code,
      updatedAt: statusReports.updatedAt,
    })
    .from(statusReports)
    .innerJoin(workstreams, eq(workstreams.id, statusReports.workstreamId))
    .where(where)
    .orderBy(asc(statusReports.period), asc(workstreams.code))
    .limit(limit)
    .all();
  return { total: Number(total?.n ?? 0), rows };
}

/** Everything on a lead's "My work" page. */
export function loadMyWork(db: Reader, ownerId: number, today: string, limit = HOME_LIST_LIMIT) {
  return {
    milestones: myMilestones(db, ownerId, today, limit),
    reportsDue: reportsDue(db, today, { ownerId }),
    drafts: myDrafts(db, ownerId, limit),
  };
}

/** What the navigation counts for a lead: their overdue milestones and reports whose month has ended. */
export function myWorkCount(db: Reader, ownerId: number, today: string): number {
  const m = milestonesAsOf(db, today, defaultPeriodStart(db, today));
  const p = milestonePredicates(m, today);
  const overdue = db
    .select({ n: sql<number>`count(*)` })
    .from(m)
    .innerJoin(workstreams, eq(workstreams.id, m.workstreamId))
    .where(and(eq(workstreams.ownerId, ownerId), p.overdue))
    .get();
  const reports = reportsDue(db, today, { ownerId, overdueOnly: true }).length;
  return Number(overdue?.n ?? 0) + reports;
}
