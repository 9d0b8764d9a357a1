import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { milestones, workstreams } from "#db/schema";
import { db } from "~/db.server";
import { milestoneFigures, milestoneFiguresByWorkstream } from "~/figures/milestones.server";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { createMilestone, rebaselineMilestone, updateMilestone } from "~/milestones/milestone-changes.server";
import { updateWorkstream } from "~/workstreams/workstreams.server";
import { workstreamOverview } from "~/dashboard/overview.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { makeMilestone, makeUser, makeWorkstream } from "#test/support/factories";
import { makeProgram } from "#test/support/money-factories";
import { inDays, TODAY } from "#test/support/today";

const LONG_AGO = "2024-01-02T12:00:00.000Z";
const D = inDays(-1);
const reload = (id: number) => db.select().from(milestones).where(eq(milestones.id, id)).get()!;
const editOf = (m: typeof milestones.$inferSelect, changes: Partial<typeof milestones.$inferSelect>) => {
  const v = { ...m, ...changes };
  return {
    intent: "update" as const,
    version: v.version,
    title: v.title,
    description: v.description,
    forecastDate: v.forecastDate ?? undefined,
    actualDate: v.actualDate ?? undefined,
    status: v.status,
    percentComplete: v.percentComplete,
    weight: v.weight,
    criticalPath: v.criticalPath,
    forecastReason: "Re-planned with the vendor at the weekly review.",
    dependsOn: [] as number[],
  };
};

/**
 * As-of rule (docs/figures.md): whatever is changed today (day D+1, through
 * the real mutation functions) never changes a figure as of yesterday (D).
 */
describe("milestone and workstream figures as of a past day", () => {
  let ctx: { actorId: number };
  let ws: ReturnType<typeof makeWorkstream>;
  let late: ReturnType<typeof makeMilestone>;
  let open: ReturnType<typeof makeMilestone>;
  let noForecast: ReturnType<typeof makeMilestone>;
  let before: { figures: ReturnType<typeof milestoneFigures>; list: unknown; overview: unknown; status: unknown };

  const snapshotAsOfD = () => ({
    figures: milestoneFigures(db, { asOf: D }),
    list: listMilestones(db, {}, D).map(({ version: _v, title: _t, percentComplete: _p, description: _d, ...r }) => r),
    overview: workstreamOverview(db, D),
    status: computeProgramStatus(db, D),
  });

  beforeAll(() => {
    makeProgram();
    ctx = { actorId: makeUser().id };
    ws = makeWorkstream({ createdAt: LONG_AGO });
    late = makeMilestone(ws.id, { createdAt: LONG_AGO, baselineDate: inDays(60), forecastDate: inDays(100), status: "in_progress" });
    open = makeMilestone(ws.id, { createdAt: LONG_AGO, baselineDate: inDays(30), status: "not_started" });
    noForecast = makeMilestone(ws.id, { createdAt: LONG_AGO, baselineDate: inDays(-10), status: "in_progress" });
    makeMilestone(ws.id, { createdAt: LONG_AGO, baselineDate: "2024-06-30", actualDate: "2024-07-10", status: "done" });
    before = snapshotAsOfD();
  });

  it("computes the figures as of D from independent expectations", () => {
    expect(before.figures).toMatchObject({ total: 4, done: 1, open: 3, cancelled: 0, slipped: 2, overdue: 1, rebaselined: 0 });
  });

  it("a forecast change, a cancellation, a critical-path flag, a new milestone, a re-baseline, a lifecycle change and an override made today leave D alone", () => {
    updateMilestone(db, ctx, late.id, editOf(reload(late.id), { forecastDate: inDays(200), criticalPath: true }));
    updateMilestone(db, ctx, open.id, editOf(reload(open.id), { status: "cancelled" }));
    rebaselineMilestone(db, ctx, noForecast.id, { version: reload(noForecast.id).version, newBaselineDate: inDays(90), reason: "Vendor delay" });
    createMilestone(db, ctx, {
      workstreamId: ws.id,
      code: "M-NEW-1",
      title: "Created today",
      description: "",
      baselineDate: inDays(-5),
      status: "not_started",
      percentComplete: 0,
      weight: 1,
      criticalPath: true,
      dependsOn: [],
    });
    const w = db.select().from(workstreams).where(eq(workstreams.id, ws.id)).get()!;
    updateWorkstream(db, ctx, ws.id, {
      version: w.version,
      name: w.name,
      objective: w.objective,
      ownerId: w.ownerId ?? undefined,
      sponsorId: w.sponsorId ?? undefined,
      startDate: w.startDate,
      endDate: w.endDate,
      lifecycleStatus: "on_hold",
      ragOverride: "green",
      ragOverrideReason: "Board accepted the recovery plan",
      ragOverrideExpiresOn: inDays(30),
      csfFunctions: ["protect"],
    } as never);

    expect(snapshotAsOfD()).toEqual(before);

    // ...while today's figures see every change.
    const now = milestoneFigures(db, { asOf: TODAY });
    expect(now).toMatchObject({ total: 4, cancelled: 1, rebaselined: 1, rebaselinesInPeriod: 1 });
    const status = computeProgramStatus(db, TODAY).workstreams.find((x) => x.id === ws.id)!;
    expect(status.override?.rag).toBe("green");
    const thenStatus = computeProgramStatus(db, D).workstreams.find((x) => x.id === ws.id)!;
    expect(thenStatus.override).toBeNull();
  });

  it("keeps the slip against the original baseline after a re-baseline of a milestone without a forecast", () => {
    const row = listMilestones(db, {}, TODAY).find((m) => m.id === noForecast.id)!;
    // Baseline moved from 10 days ago to 90 days ahead; still open today, expected on its (new) baseline.
    expect(row).toMatchObject({ baselineDate: inDays(90), originalBaselineDate: inDays(-10), rebaselines: 1, slipDays: 0, slipDaysOriginal: 100 });
    expect(milestoneFiguresByWorkstream(db, { asOf: TODAY }).get(ws.id)?.slippedOriginal).toBeGreaterThanOrEqual(2);
    // As of D it was overdue against the baseline then in force, and not yet re-baselined.
    const then = listMilestones(db, {}, D).find((m) => m.id === noForecast.id)!;
    expect(then).toMatchObject({ baselineDate: inDays(-10), rebaselines: 0, overdue: true });
  });

  it("does not count a milestone created after the date", () => {
    expect(listMilestones(db, {}, D).some((m) => m.code === "M-NEW-1")).toBe(false);
    expect(listMilestones(db, {}, TODAY).some((m) => m.code === "M-NEW-1")).toBe(true);
  });
});
