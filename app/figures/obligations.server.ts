import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { actuals, actualTags, obligationHistory, obligationMilestones, obligations, obligationWorkstreams, users } from "#db/schema";
import type { OBLIGATION_KINDS, OBLIGATION_SOURCES, OBLIGATION_STATUSES } from "#db/schema/enums";
import { milestonePredicates, milestonesAsOf } from "~/figures/milestones.server";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";
import { daysBetween } from "~/money/fiscal";
import { forecastSpend, type SpendForecast } from "./obligations/forecast";
import { memoFigure } from "./memo.server";

/**
 * The obligation figures (docs/figures.md#obligations), each defined once:
 * which obligations exist as of a day, their recorded status then, spend
 * progress against target and window, the state of a measure's milestones,
 * and the assessed status the board pack shows. The obligations pages and
 * CSV, the dashboard panel and the board snapshot all read them.
 */
export type ObligationFilters = {
  source?: (typeof OBLIGATION_SOURCES)[number];
  kind?: (typeof OBLIGATION_KINDS)[number];
  status?: (typeof OBLIGATION_STATUSES)[number];
};

type Reader = Pick<Db, "select">;
type Version = typeof obligationHistory.$inferSelect;

/**
 * The actuals that count toward a spend obligation as of `asOf`: dated inside
 * its window (and on or before the day), matching every criterion it gives:
 * funding tag, category, linked workstreams.
 */
function countedSpendWhere(o: Pick<Version, "obligationId" | "windowStart" | "windowEnd" | "spendTag" | "spendCategory">, asOf: string): SQL {
  const end = o.windowEnd! < asOf ? o.windowEnd! : asOf;
  const where: SQL[] = [sql`${actuals.date} >= ${o.windowStart}`, sql`${actuals.date} <= ${end}`];
  if (o.spendTag) where.push(sql`exists (select 1 from ${actualTags} where ${actualTags.actualId} = ${actuals.id} and ${actualTags.tag} = ${o.spendTag})`);
  if (o.spendCategory) where.push(eq(actuals.category, o.spendCategory));
  where.push(
    sql`(not exists (select 1 from ${obligationWorkstreams} where ${obligationWorkstreams.obligationId} = ${o.obligationId})
      or ${actuals.workstreamId} in (select ${obligationWorkstreams.workstreamId} from ${obligationWorkstreams} where ${obligationWorkstreams.obligationId} = ${o.obligationId}))`,
  );
  return and(...where)!;
}

/** Spend counted toward one spend obligation as of the day: one aggregate query. */
function spendProgress(db: Reader, o: Version, asOf: string): { cents: number; invoices: number } {
  const r = db
    .select({ cents: sql<number>`coalesce(sum(${actuals.amountCents}), 0)`, invoices: count() })
    .from(actuals)
    .where(countedSpendWhere(o, asOf))
    .get();
  return { cents: Number(r?.cents ?? 0), invoices: r?.invoices ?? 0 };
}

export type MeasureState = { total: number; done: number; slipped: number; overdue: number };

/**
 * Linked milestones per measure obligation as of the day, by one grouped
 * aggregate over the milestones as they stood then (app/figures/milestones.server.ts):
 * counted, done, slipped and overdue by the milestone figures' own definitions.
 */
function measureStates(db: Reader, obligationIds: number[], asOf: string): Map<number, MeasureState> {
  if (!obligationIds.length) return new Map();
  const m = milestonesAsOf(db, asOf, asOf);
  const p = milestonePredicates(m, asOf);
  const rows = db
    .select({
      obligationId: obligationMilestones.obligationId,
      total: count(),
      done: sql<number>`sum(case when ${p.done} then 1 else 0 end)`,
      slipped: sql<number>`sum(case when ${p.slipped} then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${p.overdue} then 1 else 0 end)`,
    })
    .from(obligationMilestones)
    .innerJoin(m, sql`${m.id} = ${obligationMilestones.milestoneId}`)
    .where(and(inArray(obligationMilestones.obligationId, obligationIds), p.live))
    .groupBy(obligationMilestones.obligationId)
    .all();
  return new Map(rows.map((r) => [r.obligationId, { total: r.total, done: Number(r.done), slipped: Number(r.slipped), overdue: Number(r.overdue) }]));
}

export type ObligationSummary = Omit<
  typeof obligations.$inferSelect,
  "status" | "targetCents" | "windowStart" | "windowEnd" | "spendTag" | "spendCategory" | "dueDate"
> &
  Pick<Version, "status" | "targetCents" | "windowStart" | "windowEnd" | "spendTag" | "spendCategory" | "dueDate"> & {
    ownerName: string | null;
    spend: (SpendForecast & { invoices: number }) | null;
    measure: MeasureState | null;
    /** What the figures say, whatever status was recorded: see assessedStatus(). */
    assessedStatus: (typeof OBLIGATION_STATUSES)[number];
  };

/**
 * The assessed status of an obligation as of a day (the board pack's): a
 * spend obligation is met once its target is reached, missed when its window
 * closed short, at risk when below 80% of the straight-line pace, otherwise in
 * progress (not started before its window); a measure is at risk when a
 * linked milestone is overdue, met when all are done (and the due date, if
 * any, has come), in progress when some are; with no linked milestones its
 * recorded status stands.
 */
export function assessedStatus(
  o: {
    kind: string;
    status: (typeof OBLIGATION_STATUSES)[number];
    targetCents: number | null;
    windowStart: string | null;
    windowEnd: string | null;
    dueDate: string | null;
  },
  progressCents: number,
  measure: MeasureState | null,
  asOf: string,
): (typeof OBLIGATION_STATUSES)[number] {
  if (o.kind === "spend" && o.targetCents != null && o.windowStart && o.windowEnd) {
    if (asOf < o.windowStart) return "not_started";
    if (progressCents >= o.targetCents) return "met";
    if (asOf > o.windowEnd) return "missed";
    const pace = Math.floor((o.targetCents * daysBetween(o.windowStart, asOf)) / Math.max(1, daysBetween(o.windowStart, o.windowEnd)));
    return progressCents * 10 < pace * 8 ? "at_risk" : "in_progress";
  }
  if (!measure || measure.total === 0) return o.status;
  if (measure.overdue > 0) return "at_risk";
  if (measure.done === measure.total && (o.dueDate === null || o.dueDate <= asOf)) return "met";
  return measure.done > 0 ? "in_progress" : "not_started";
}

/**
 * The obligations that existed at the end of `asOf` (a version in force
 * then), with the attributes of that version and their figures. Filters
 * apply to those attributes (the status recorded then).
 */
function obligationsAsOfUncached(db: Reader, filters: ObligationFilters, asOf: string, only?: { id: number }): ObligationSummary[] {
  const h = obligationHistory;
  const where: SQL[] = [inForceAt(h, asOfInstant(db, asOf))];
  if (filters.source) where.push(eq(obligations.source, filters.source));
  if (filters.kind) where.push(eq(h.kind, filters.kind));
  if (filters.status) where.push(eq(h.status, filters.status));
  if (only) where.push(eq(h.obligationId, only.id));
  const rows = db
    .select({ o: obligations, v: h, ownerName: users.name })
    .from(h)
    .innerJoin(obligations, eq(obligations.id, h.obligationId))
    .leftJoin(users, eq(users.id, obligations.ownerId))
    .where(and(...where))
    .orderBy(asc(obligations.code))
    .all();
  const measures = measureStates(
    db,
    rows.filter((r) => r.v.kind === "measure").map((r) => r.o.id),
    asOf,
  );
  return rows.map(({ o, v, ownerName }) => {
    const attrs = {
      ...o,
      kind: v.kind,
      status: v.status,
      targetCents: v.targetCents,
      windowStart: v.windowStart,
      windowEnd: v.windowEnd,
      spendTag: v.spendTag,
      spendCategory: v.spendCategory,
      dueDate: v.dueDate,
      ownerName,
    };
    if (v.kind === "spend" && v.targetCents != null && v.windowStart && v.windowEnd) {
      const p = spendProgress(db, v, asOf);
      return {
        ...attrs,
        spend: { ...forecastSpend({ targetCents: v.targetCents, windowStart: v.windowStart, windowEnd: v.windowEnd }, p.cents, asOf), invoices: p.invoices },
        measure: null,
        assessedStatus: assessedStatus(v, p.cents, null, asOf),
      };
    }
    const measure = measures.get(o.id) ?? { total: 0, done: 0, slipped: 0, overdue: 0 };
    return { ...attrs, spend: null, measure, assessedStatus: assessedStatus(v, 0, measure, asOf) };
  });
}

export const obligationsAsOf = memoFigure("obligationsAsOf", obligationsAsOfUncached);
