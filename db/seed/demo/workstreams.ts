import type { LifecycleStatus } from "#db/schema/enums";
import { workstreamCsfFunctions, workstreams } from "#db/schema";
import { addDays } from "~/money/fiscal";
import { costRatioAt } from "./ledger";
import { completionOf, visibleSlipsAt } from "./milestones";
import type { PeopleIds } from "./people";
import { workstreamHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { at, insertMany, longDate, maxDate, PLAN_APPROVED, stamps, type Tx } from "./support";
import { WORKSTREAMS, type WorkstreamIds, type WorkstreamPlan } from "./workstream-plan";

export function lifecycleAt(ws: WorkstreamPlan, date: string): LifecycleStatus {
  if (date < ws.start) return "planned";
  return completionOf(ws.n) <= date ? "done" : "active";
}

/**
 * The steering committee holds WS-02 at amber while a recovery plan is
 * ratified: a manual override with a reason and an expiry, present only when
 * a critical-path slip or a cost overrun is visible on `today`.
 */
function overrideFor(ws: WorkstreamPlan, today: string) {
  if (ws.code !== "WS-02" || lifecycleAt(ws, today) !== "active") return null;
  const slip = visibleSlipsAt(ws.n, today).find((s) => s.milestone.critical && s.slipDays > 45);
  const ratio = costRatioAt(ws.n, today);
  if (!slip && (ratio === null || ratio <= 1100)) return null;
  const setOn = addDays(today, -12);
  const cause = slip
    ? `the recovery plan for ${slip.milestone.code} "${slip.milestone.title}" (forecast ${longDate(slip.forecast)}, ${slip.slipDays} days past baseline)`
    : `a funded cost-to-complete of the segmentation waves (spend to date ${Math.round((ratio ?? 0) / 10)}% of plan, driven by contractor overtime and extra firewall capacity)`;
  return {
    setOn,
    ragOverride: "amber" as const,
    ragOverrideReason: `Steering committee of ${longDate(setOn)} accepted ${cause}. Held at amber until the revised baseline is ratified by the CFO.`,
    ragOverrideExpiresOn: addDays(today, 45),
  };
}

export function insertWorkstreams(tx: Tx, today: string, people: PeopleIds): WorkstreamIds {
  insertMany(
    tx,
    workstreams,
    WORKSTREAMS.map((ws) => {
      const lifecycle = lifecycleAt(ws, today);
      const override = overrideFor(ws, today);
      const updated = maxDate(
        PLAN_APPROVED,
        lifecycle === "active" ? ws.start : PLAN_APPROVED,
        lifecycle === "done" ? completionOf(ws.n) : PLAN_APPROVED,
        override?.setOn ?? PLAN_APPROVED,
      );
      return {
        code: ws.code,
        name: ws.name,
        objective: ws.objective,
        ownerId: people[ws.owner],
        sponsorId: people[ws.sponsor],
        startDate: ws.start,
        endDate: ws.end,
        lifecycleStatus: lifecycle,
        ragOverride: override?.ragOverride ?? null,
        ragOverrideReason: override?.ragOverrideReason ?? null,
        ragOverrideExpiresOn: override?.ragOverrideExpiresOn ?? null,
        version: 1 + (lifecycle === "planned" ? 0 : 1) + (lifecycle === "done" ? 1 : 0) + (override ? 1 : 0),
        ...stamps(PLAN_APPROVED, updated, "11:00"),
      };
    }),
  );
  const ids: WorkstreamIds = new Map();
  for (const row of tx.select({ id: workstreams.id, code: workstreams.code }).from(workstreams).all()) {
    ids.set(Number(row.code.slice(3)), row.id);
  }
  // Lifecycle and override history: planned from plan approval, active from its start, done at completion,
  // the steering committee's override from the day it was set.
  for (const ws of WORKSTREAMS) {
    const override = overrideFor(ws, today);
    const events = [ws.start, completionOf(ws.n), override?.setOn].filter((d): d is string => d !== undefined && d > PLAN_APPROVED && d <= today);
    for (const date of [PLAN_APPROVED, ...[...new Set(events)].sort()]) {
      const on = override && date >= override.setOn ? override : null;
      recordVersion(
        tx,
        workstreamHistorySpec,
        ids.get(ws.n) as number,
        {
          lifecycleStatus: lifecycleAt(ws, date),
          ragOverride: on?.ragOverride ?? null,
          ragOverrideReason: on?.ragOverrideReason ?? null,
          ragOverrideExpiresOn: on?.ragOverrideExpiresOn ?? null,
          ownerId: people[ws.owner],
        } as typeof workstreams.$inferSelect,
        at(date, "11:00"),
      );
    }
  }
  insertMany(
    tx,
    workstreamCsfFunctions,
    WORKSTREAMS.flatMap((ws) => ws.csf.map((csfFunction) => ({ workstreamId: ids.get(ws.n) as number, csfFunction }))),
  );
  return ids;
}
