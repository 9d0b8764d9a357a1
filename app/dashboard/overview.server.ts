import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { milestones, users, workstreams } from "#db/schema";
import type { Db } from "#db/connection";
import { moneyBy } from "~/figures/money.server";

/** A milestone has slipped when its actual (or else forecast) date is after its baseline. */
export const milestoneSlipped = sql`coalesce(${milestones.actualDate}, ${milestones.forecastDate}) > ${milestones.baselineDate}`;

export type WorkstreamOverviewRow = {
  id: number;
  code: string;
  name: string;
  ownerName: string | null;
  lifecycleStatus: string;
  milestonesDone: number;
  milestonesOpen: number;
  milestonesSlipped: number;
  spendToDateCents: number;
};

/** One row per workstream, every figure from a grouped SQL aggregate (no per-row loops). */
export function workstreamOverview(db: Pick<Db, "select">, asOf: string): WorkstreamOverviewRow[] {
  const owner = alias(users, "owner");
  const ms = db
    .select({
      workstreamId: milestones.workstreamId,
      done: sql<number>`sum(case when ${milestones.status} = 'done' then 1 else 0 end)`.as("done"),
      open: sql<number>`sum(case when ${milestones.status} in ('not_started', 'in_progress') then 1 else 0 end)`.as("open"),
      slipped: sql<number>`sum(case when ${milestones.status} <> 'cancelled' and ${milestoneSlipped} then 1 else 0 end)`.as("slipped"),
    })
    .from(milestones)
    .groupBy(milestones.workstreamId)
    .as("ms");
  // Spend to date is the money figures' actual (docs/figures.md#money).
  const money = moneyBy(db, "workstream", { asOf });
  const rows = db
    .select({
      id: workstreams.id,
      code: workstreams.code,
      name: workstreams.name,
      ownerName: owner.name,
      lifecycleStatus: workstreams.lifecycleStatus,
      milestonesDone: sql<number>`coalesce(${ms.done}, 0)`,
      milestonesOpen: sql<number>`coalesce(${ms.open}, 0)`,
      milestonesSlipped: sql<number>`coalesce(${ms.slipped}, 0)`,
    })
    .from(workstreams)
    .leftJoin(owner, eq(owner.id, workstreams.ownerId))
    .leftJoin(ms, eq(ms.workstreamId, workstreams.id))
    .orderBy(asc(workstreams.code))
    .all();
  return rows.map((r) => ({ ...r, spendToDateCents: money.get(r.id)?.actualCents ?? 0 }));
}
