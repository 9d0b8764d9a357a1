import type { MilestoneStatus } from "#db/schema/enums";
import { milestoneBaselines, milestoneDependencies, milestones } from "#db/schema";
import { addDays, daysBetween } from "~/money/fiscal";
import { DEPENDENCIES, MILESTONE_PLAN, type PlannedMilestone } from "./milestone-plan";
import type { PeopleIds } from "./people";
import { milestoneHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { at, insertMany, maxDate, PLAN_APPROVED, stamps, type Tx } from "./support";
import { WORKSTREAMS, workstreamPlan, type WorkstreamIds } from "./workstream-plan";

export type MilestoneState = {
  exists: boolean;
  status: MilestoneStatus;
  baseline: string;
  forecast: string | null;
  actual: string | null;
  percent: number;
};

export function addedOn(m: PlannedMilestone): string {
  return m.addedOn ?? PLAN_APPROVED;
}

/** When work on the milestone starts, for percent complete: about eight months before its first baseline. */
export function startOf(m: PlannedMilestone): string {
  return maxDate(workstreamPlan(m.ws).start, addedOn(m), addDays(m.baseline, -240));
}

/** The baseline in force on `date`: re-baselines count from the day they were approved. */
export function baselineAt(m: PlannedMilestone, date: string): string {
  let baseline = m.baseline;
  for (const r of m.rebaselines ?? []) if (r.on <= date) baseline = r.to;
  return baseline;
}

/**
 * The day a late milestone's lead re-forecasts it to its real date: about four
 * months before the baseline it is going to miss (the same horizon at which
 * the status reports start to call a slip news), never before it was added.
 * Until then the forecast is the baseline: the demo's history shows forecasts
 * moving, as a real programme's do.
 */
export function reforecastOn(m: PlannedMilestone): string {
  return maxDate(addedOn(m), addDays(baselineAt(m, addDays(m.done, -1)), -120));
}

/** What the milestone looked like on `date`, from its fixed calendar plan. */
export function milestoneStateAt(m: PlannedMilestone, date: string): MilestoneState {
  const baseline = baselineAt(m, date);
  const exists = addedOn(m) <= date;
  if (m.cancelledOn && m.cancelledOn <= date) {
    return { exists, status: "cancelled", baseline, forecast: null, actual: null, percent: 20 };
  }
  if (m.done <= date) return { exists, status: "done", baseline, forecast: m.done, actual: m.done, percent: 100 };
  const start = startOf(m);
  const eventual = m.staleForecast ?? m.done;
  // A slip is forecast from the day it is known; before that the plan still holds.
  const forecast = eventual > baseline && date < reforecastOn(m) ? baseline : eventual;
  if (date < start) return { exists, status: "not_started", baseline, forecast, actual: null, percent: 0 };
  const total = Math.max(1, daysBetween(start, m.done));
  const elapsed = Math.max(0, daysBetween(start, date));
  const percent = Math.min(95, Math.max(5, Math.floor((elapsed * 20) / total) * 5));
  return { exists, status: "in_progress", baseline, forecast, actual: null, percent };
}

/** Days the forecast (or actual) is past the baseline on `date`; 0 when on time. */
export function slipDaysAt(m: PlannedMilestone, date: string): number {
  const s = milestoneStateAt(m, date);
  const end = s.actual ?? s.forecast;
  return end ? Math.max(0, daysBetween(s.baseline, end)) : 0;
}

export function isOverdueAt(m: PlannedMilestone, date: string): boolean {
  const s = milestoneStateAt(m, date);
  return (s.status === "in_progress" || s.status === "not_started") && s.forecast !== null && s.forecast < date;
}

export type MilestoneIds = Map<string, number>;

export function insertMilestones(tx: Tx, today: string, people: PeopleIds, workstreamIds: WorkstreamIds): MilestoneIds {
  const live = MILESTONE_PLAN.filter((m) => addedOn(m) <= today);
  insertMany(
    tx,
    milestones,
    live.map((m) => {
      const s = milestoneStateAt(m, today);
      const events = [addedOn(m), ...(m.rebaselines ?? []).map((r) => r.on).filter((d) => d <= today)];
      if (s.actual) events.push(s.actual);
      if (m.cancelledOn && m.cancelledOn <= today) events.push(m.cancelledOn);
      if (s.status === "in_progress") events.push(startOf(m));
      if (reforecastOn(m) <= today) events.push(reforecastOn(m));
      const rebaselined = (m.rebaselines ?? []).filter((r) => r.on <= today).length;
      return {
        workstreamId: workstreamIds.get(m.ws) as number,
        code: m.code,
        title: m.title,
        description: m.description,
        baselineDate: s.baseline,
        originalBaselineDate: m.baseline,
        forecastDate: s.forecast,
        actualDate: s.actual,
        status: s.status,
        percentComplete: s.percent,
        weight: m.weight,
        criticalPath: m.critical ?? false,
        version: 1 + rebaselined,
        ...stamps(addedOn(m), maxDate(...events), "10:00"),
      };
    }),
  );
  const ids: MilestoneIds = new Map(
    tx
      .select({ id: milestones.id, code: milestones.code })
      .from(milestones)
      .all()
      .map((r) => [r.code, r.id]),
  );

  // The history its story implies: one version from the day it was added, then one per start, re-forecast,
  // re-baseline, completion and cancellation, each at an in-story instant (never after today).
  for (const m of live) {
    const id = ids.get(m.code) as number;
    const events = [startOf(m), reforecastOn(m), m.done, m.cancelledOn, ...(m.rebaselines ?? []).map((r) => r.on)].filter(
      (d): d is string => d !== undefined && d > addedOn(m) && d <= today,
    );
    const version = (date: string, instant: string) => {
      const st = milestoneStateAt(m, date);
      recordVersion(
        tx,
        milestoneHistorySpec,
        id,
        {
          workstreamId: workstreamIds.get(m.ws) as number,
          status: st.status,
          baselineDate: st.baseline,
          forecastDate: st.forecast,
          actualDate: st.actual,
          criticalPath: m.critical ?? false,
          weight: m.weight,
        } as typeof milestones.$inferSelect,
        instant,
      );
    };
    version(addedOn(m), at(addedOn(m), "10:00"));
    for (const date of [...new Set(events)].sort()) version(date, at(date, "16:30"));
  }

  const ownerOf = (m: PlannedMilestone) => people[WORKSTREAMS.find((w) => w.n === m.ws)?.owner ?? "pmo"];
  insertMany(
    tx,
    milestoneBaselines,
    live.flatMap((m) => {
      let previous = m.baseline;
      return (m.rebaselines ?? [])
        .filter((r) => r.on <= today)
        .map((r) => {
          const row = {
            milestoneId: ids.get(m.code) as number,
            previousDate: previous,
            newDate: r.to,
            reason: r.reason,
            changedById: ownerOf(m),
            changedAt: `${r.on}T16:30:00.000Z`,
          };
          previous = r.to;
          return row;
        });
    }),
  );

  insertMany(
    tx,
    milestoneDependencies,
    DEPENDENCIES.filter(([a, b]) => ids.has(a) && ids.has(b)).map(([a, b]) => ({
      milestoneId: ids.get(a) as number,
      dependsOnId: ids.get(b) as number,
    })),
  );
  return ids;
}

export type VisibleSlip = { milestone: PlannedMilestone; slipDays: number; overdue: boolean; forecast: string };

/**
 * Open milestones of a workstream that are visibly late on `date`: overdue, or
 * forecast past a baseline that falls within the next four months (a slip on
 * work due in two years is not yet news).
 */
export function visibleSlipsAt(ws: number, date: string): VisibleSlip[] {
  const horizon = addDays(date, 120);
  return MILESTONE_PLAN.filter((m) => m.ws === ws && addedOn(m) <= date)
    .map((m) => ({ m, s: milestoneStateAt(m, date) }))
    .filter(({ s }) => (s.status === "in_progress" || s.status === "not_started") && s.baseline <= horizon)
    .map(({ m, s }) => ({
      milestone: m,
      slipDays: Math.max(0, daysBetween(s.baseline, s.forecast ?? s.baseline)),
      overdue: (s.forecast ?? s.baseline) < date,
      forecast: s.forecast ?? s.baseline,
    }))
    .filter((x) => x.slipDays > 0 || x.overdue)
    .sort((a, b) => b.slipDays - a.slipDays || a.milestone.code.localeCompare(b.milestone.code));
}

/** The day a workstream's last milestone finishes (cancelled ones aside). */
export function completionOf(ws: number): string {
  return maxDate(...MILESTONE_PLAN.filter((m) => m.ws === ws && !m.cancelledOn).map((m) => m.done));
}
