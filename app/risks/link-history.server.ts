import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { riskMilestoneHistory, riskWorkstreamHistory } from "#db/schema";

type Writer = Pick<Tx | Db, "select" | "insert" | "update">;

/**
 * Brings a risk's link history in line with the links it is about to have:
 * links that go are ended at `at`, links that come are opened from `at`,
 * links that stay are left alone. Called by every writer of risk links
 * (form, CSV import, demo seed) in the transaction that changes them.
 */
export function recordLinks(tx: Writer, riskId: number, links: { workstreamIds?: number[]; milestoneIds?: number[] }, at: string = new Date().toISOString()) {
  if (links.workstreamIds) {
    const open = and(eq(riskWorkstreamHistory.riskId, riskId), isNull(riskWorkstreamHistory.validTo));
    const current = tx.select({ id: riskWorkstreamHistory.id, target: riskWorkstreamHistory.workstreamId }).from(riskWorkstreamHistory).where(open).all();
    const wanted = new Set(links.workstreamIds);
    for (const c of current) if (!wanted.has(c.target)) tx.update(riskWorkstreamHistory).set({ validTo: at }).where(eq(riskWorkstreamHistory.id, c.id)).run();
    const kept = new Set(current.map((c) => c.target));
    for (const workstreamId of wanted) if (!kept.has(workstreamId)) tx.insert(riskWorkstreamHistory).values({ riskId, workstreamId, validFrom: at }).run();
  }
  if (links.milestoneIds) {
    const open = and(eq(riskMilestoneHistory.riskId, riskId), isNull(riskMilestoneHistory.validTo));
    const current = tx.select({ id: riskMilestoneHistory.id, target: riskMilestoneHistory.milestoneId }).from(riskMilestoneHistory).where(open).all();
    const wanted = new Set(links.milestoneIds);
    for (const c of current) if (!wanted.has(c.target)) tx.update(riskMilestoneHistory).set({ validTo: at }).where(eq(riskMilestoneHistory.id, c.id)).run();
    const kept = new Set(current.map((c) => c.target));
    for (const milestoneId of wanted) if (!kept.has(milestoneId)) tx.insert(riskMilestoneHistory).values({ riskId, milestoneId, validFrom: at }).run();
  }
}
