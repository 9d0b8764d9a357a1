import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { actuals, actualTags, milestones, obligationMilestones, obligations, obligationWorkstreams, users, workstreams } from "#db/schema";
import { type OBLIGATION_KINDS, type OBLIGATION_SOURCES, type OBLIGATION_STATUSES } from "#db/schema/enums";
import { milestoneSlipped } from "~/dashboard/overview.server";
import { forecastSpend, type SpendForecast } from "./forecast";

export type ObligationFilters = {
  source?: (typeof OBLIGATION_SOURCES)[number];
  kind?: (typeof OBLIGATION_KINDS)[number];
  status?: (typeof OBLIGATION_STATUSES)[number];
};

type ObligationRow = typeof obligations.$inferSelect;

/**
 * The actuals that count toward a spend obligation: inside its window (and
 * up to the as-of date), and matching every criterion it gives: funding
 * tag, category, linked workstreams.
 */
export function countedSpendWhere(o: Pick<ObligationRow, "id" | "windowStart" | "windowEnd" | "spendTag" | "spendCategory">, asOf: string): SQL {
  const end = o.windowEnd! < asOf ? o.windowEnd! : asOf;
  const where: SQL[] = [sql`${actuals.date} >= ${o.windowStart}`, sql`${actuals.date} <= ${end}`];
  if (o.spendTag) where.push(sql`exists (select 1 from ${actualTags} where ${actualTags.actualId} = ${actuals.id} and ${actualTags.tag} = ${o.spendTag})`);
  if (o.spendCategory) where.push(eq(actuals.category, o.spendCategory));
  where.push(
    sql`(not exists (select 1 from ${obligationWorkstreams} where ${obligationWorkstreams.obligationId} = ${o.id})
      or ${actuals.workstreamId} in (select ${obligationWorkstreams.workstreamId} from ${obligationWorkstreams} where ${obligationWorkstreams.obligationId} = ${o.id}))`,
  );
  return and(...where)!;
}

export function spendProgress(db: Pick<Db, "select">, o: ObligationRow, asOf: string): { cents: number; invoices: number } {
  const r = db
    .select({ cents: sql<number>`coalesce(sum(${actuals.amountCents}), 0)`, invoices: count() })
    .from(actuals)
    .where(countedSpendWhere(o, asOf))
    .get();
  return { cents: Number(r?.cents ?? 0), invoices: r?.invoices ?? 0 };
}

export type MeasureState = { total: number; done: number; slipped: number; overdue: number };

/** Linked milestones per obligation (cancelled ones left out), by a grouped aggregate. */
export function measureStates(db: Pick<Db, "select">, obligationIds: number[], asOf: string): Map<number, MeasureState> {
  if (!obligationIds.length) return new Map();
  const rows = db
    .select({
      obligationId: obligationMilestones.obligationId,
      total: count(),
      done: sql<number>`sum(case when ${milestones.status} = 'done' then 1 else 0 end)`,
      slipped: sql<number>`sum(case when ${milestoneSlipped} then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${milestones.status} <> 'done' and coalesce(${milestones.forecastDate}, ${milestones.baselineDate}) < ${asOf} then 1 else 0 end)`,
    })
    .from(obligationMilestones)
    .innerJoin(milestones, eq(milestones.id, obligationMilestones.milestoneId))
    .where(and(inArray(obligationMilestones.obligationId, obligationIds), sql`${milestones.status} <> 'cancelled'`))
    .groupBy(obligationMilestones.obligationId)
    .all();
  return new Map(rows.map((r) => [r.obligationId, { total: r.total, done: Number(r.done), slipped: Number(r.slipped), overdue: Number(r.overdue) }]));
}

export type ObligationSummary = ObligationRow & {
  ownerName: string | null;
  spend: (SpendForecast & { invoices: number }) | null;
  measure: MeasureState | null;
};

export function listObligations(db: Pick<Db, "select">, filters: ObligationFilters, asOf: string): ObligationSummary[] {
  const where: SQL[] = [];
  if (filters.source) where.push(eq(obligations.source, filters.source));
  if (filters.kind) where.push(eq(obligations.kind, filters.kind));
  if (filters.status) where.push(eq(obligations.status, filters.status));
  const rows = db
    .select({ o: obligations, ownerName: users.name })
    .from(obligations)
    .leftJoin(users, eq(users.id, obligations.ownerId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(obligations.code))
    .all();
  const measures = measureStates(
    db,
    rows.filter((r) => r.o.kind === "measure").map((r) => r.o.id),
    asOf,
  );
  return rows.map(({ o, ownerName }) => {
    if (o.kind === "spend" && o.targetCents != null && o.windowStart && o.windowEnd) {
      const p = spendProgress(db, o, asOf);
      return {
        ...o,
        ownerName,
        spend: { ...forecastSpend({ targetCents: o.targetCents, windowStart: o.windowStart, windowEnd: o.windowEnd }, p.cents, asOf), invoices: p.invoices },
        measure: null,
      };
    }
    return { ...o, ownerName, spend: null, measure: measures.get(o.id) ?? { total: 0, done: 0, slipped: 0, overdue: 0 } };
  });
}

export function getObligation(db: Pick<Db, "select">, code: string, asOf: string) {
  const found = db.select({ id: obligations.id }).from(obligations).where(eq(obligations.code, code)).get();
  if (!found) return null;
  const summary = listObligations(db, {}, asOf).find((o) => o.id === found.id)!;
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
