import { inArray } from "drizzle-orm";
import { milestones, users } from "#db/schema";
import type { Db } from "#db/connection";
import { memoFigure } from "~/figures/memo.server";
import { moneyBy } from "~/figures/money.server";
import { type MilestoneFigures, milestoneFiguresByWorkstream, NO_MILESTONES, slippedSql } from "~/figures/milestones.server";
import { workstreamsAsOf } from "~/figures/workstreams.server";

/** A milestone (current row) has slipped: the figures layer's one definition, for pages listing linked milestones. */
export const milestoneSlipped = slippedSql(milestones);

export type WorkstreamOverviewRow = {
  id: number;
  code: string;
  name: string;
  ownerName: string | null;
  lifecycleStatus: string;
  milestonesDone: number;
  milestonesOpen: number;
  milestonesSlipped: number;
  milestonesSlippedOriginal: number;
  milestonesOverdue: number;
  milestonesRebaselined: number;
  rebaselinesInPeriod: number;
  milestones: MilestoneFigures;
  spendToDateCents: number;
};

/**
 * One row per workstream as it stood on the date (existence, lifecycle and
 * owner from its history), its milestone figures from the figures layer and
 * its spend from one grouped aggregate.
 */
function workstreamOverviewUncached(db: Pick<Db, "select">, asOf: string): WorkstreamOverviewRow[] {
  const list = workstreamsAsOf(db, asOf);
  const figures = milestoneFiguresByWorkstream(db, { asOf });
  // Spend to date is the money figures' actual (docs/figures.md#money).
  const money = moneyBy(db, "workstream", { asOf });
  const ownerIds = [...new Set(list.map((w) => w.ownerId).filter((id): id is number => id !== null))];
  const owners = new Map(
    ownerIds.length
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, ownerIds))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  return list.map((w) => {
    const m = figures.get(w.id) ?? NO_MILESTONES;
    return {
      id: w.id,
      code: w.code,
      name: w.name,
      ownerName: w.ownerId === null ? null : (owners.get(w.ownerId) ?? null),
      lifecycleStatus: w.lifecycleStatus,
      milestonesDone: m.done,
      milestonesOpen: m.open,
      milestonesSlipped: m.slipped,
      milestonesSlippedOriginal: m.slippedOriginal,
      milestonesOverdue: m.overdue,
      milestonesRebaselined: m.rebaselined,
      rebaselinesInPeriod: m.rebaselinesInPeriod,
      milestones: m,
      spendToDateCents: money.get(w.id)?.actualCents ?? 0,
    };
  });
}

export const workstreamOverview = memoFigure("workstreamOverview", workstreamOverviewUncached);
