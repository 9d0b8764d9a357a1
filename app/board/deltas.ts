import { RISK_LEVELS, type Rag, type RiskLevel } from "#db/schema/enums";
import type { QuarterSnapshot } from "./snapshot.server";

/** A figure now, the same figure in the previous published report, and the change (null when there is nothing to compare). */
export type Delta = { now: number; before: number | null; change: number | null };

export type QuarterDeltas = {
  previousQuarter: string | null;
  health: { now: Rag | null; before: Rag | null; direction: "better" | "worse" | "same" | null };
  spend: { actualToDate: Delta; planToDate: Delta; committedToDate: Delta; variance: Delta };
  milestones: { done: Delta; open: Delta; slipped: Delta; overdue: Delta };
  risks: { count: Delta; aboveAppetite: Delta; byLevel: Record<RiskLevel, Delta> };
};

const RANK: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

function delta(now: number, before: number | undefined | null): Delta {
  return before == null ? { now, before: null, change: null } : { now, before, change: now - before };
}

/**
 * Quarter-over-quarter changes against the previous published report. Older
 * snapshots may predate a field (e.g. health); such a figure has no delta.
 */
export function quarterDeltas(now: QuarterSnapshot, previous: { quarter: string; snapshot: Partial<QuarterSnapshot> } | null): QuarterDeltas {
  const p = previous?.snapshot;
  const nowHealth = now.health?.overall ?? null;
  const beforeHealth = p?.health?.overall ?? null;
  const direction =
    nowHealth && beforeHealth ? (RANK[nowHealth] < RANK[beforeHealth] ? "better" : RANK[nowHealth] > RANK[beforeHealth] ? "worse" : "same") : null;
  const variance = (s: Partial<QuarterSnapshot> | undefined) => (s?.spend ? s.spend.actualToDateCents - s.spend.planToDateCents : null);
  const levels: RiskLevel[] = RISK_LEVELS.filter((l) => l in now.risks.byLevel);
  return {
    previousQuarter: previous?.quarter ?? null,
    health: { now: nowHealth, before: beforeHealth, direction },
    spend: {
      actualToDate: delta(now.spend.actualToDateCents, p?.spend?.actualToDateCents),
      planToDate: delta(now.spend.planToDateCents, p?.spend?.planToDateCents),
      committedToDate: delta(now.spend.committedToDateCents, p?.spend?.committedToDateCents),
      variance: delta(variance(now)!, variance(p)),
    },
    milestones: {
      done: delta(now.milestones.done, p?.milestones?.done),
      open: delta(now.milestones.open, p?.milestones?.open),
      slipped: delta(now.milestones.slipped, p?.milestones?.slipped),
      overdue: delta(now.milestones.overdue, p?.milestones?.overdue),
    },
    risks: {
      count: delta(now.risks.count, p?.risks?.count),
      aboveAppetite: delta(now.risks.aboveAppetite, p?.risks?.aboveAppetite),
      byLevel: Object.fromEntries(levels.map((l) => [l, delta(now.risks.byLevel[l], p?.risks?.byLevel?.[l])])) as Record<RiskLevel, Delta>,
    },
  };
}

/** "+3", "−2", "0" or "—": signs spelled out so a change reads without colour. */
export function formatChange(change: number | null, format: (n: number) => string = String): string {
  if (change === null) return "—";
  if (change === 0) return "no change";
  return change > 0 ? `+${format(change)}` : `−${format(-change)}`;
}
