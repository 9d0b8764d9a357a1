import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { milestones } from "#db/schema";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { workstreamOverview } from "~/dashboard/overview.server";
import { db } from "~/db.server";
import { milestoneFigures, milestoneFiguresByWorkstream } from "~/figures/milestones.server";
import { milestonesCsv } from "~/milestones/milestone-csv.server";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { fiscalQuarterLabel } from "~/money/fiscal";
import { makeMilestone, makeWorkstream } from "#test/support/factories";
import { makeProgram } from "#test/support/money-factories";
import { inDays, TODAY } from "#test/support/today";

const LONG_AGO = "2024-01-02T12:00:00.000Z";
const STATUSES = ["not_started", "in_progress", "done", "cancelled"] as const;

const milestoneArb = fc.record({
  ws: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom(...STATUSES),
  baseline: fc.integer({ min: -200, max: 200 }),
  forecast: fc.option(fc.integer({ min: -200, max: 300 }), { nil: null }),
  actual: fc.integer({ min: -300, max: 0 }),
  critical: fc.boolean(),
});

/** On small random programmes, every view of the milestone figures gives the same numbers for the same date. */
describe("milestone figures agree across views", () => {
  let wsIds: number[];
  beforeAll(() => {
    makeProgram();
    wsIds = [0, 1, 2].map(() => makeWorkstream({ createdAt: LONG_AGO }).id);
  });

  it("dashboard figures, per-workstream figures, the list filters, the CSV, the API overview and the board snapshot agree", () => {
    fc.assert(
      fc.property(fc.array(milestoneArb, { maxLength: 12 }), (plan) => {
        db.delete(milestones).run();
        for (const p of plan)
          makeMilestone(wsIds[p.ws]!, {
            createdAt: LONG_AGO,
            status: p.status,
            baselineDate: inDays(p.baseline),
            forecastDate: p.forecast === null ? null : inDays(p.forecast),
            actualDate: p.status === "done" ? inDays(p.actual) : null,
            criticalPath: p.critical,
          });
        const all = milestoneFigures(db, { asOf: TODAY });
        // Independent expectations from the generated plan.
        const live = plan.filter((p) => p.status !== "cancelled");
        const expected = (p: (typeof plan)[number]) => (p.status === "done" ? p.actual : (p.forecast ?? p.baseline));
        expect(all.total).toBe(live.length);
        expect(all.cancelled).toBe(plan.length - live.length);
        expect(all.slipped).toBe(live.filter((p) => expected(p) > p.baseline).length);
        expect(all.overdue).toBe(live.filter((p) => p.status !== "done" && (p.forecast ?? p.baseline) < 0).length);

        const byWs = [...milestoneFiguresByWorkstream(db, { asOf: TODAY }).values()];
        for (const k of ["total", "done", "open", "slipped", "slippedOriginal", "overdue", "due90"] as const) {
          expect(byWs.reduce((s, f) => s + f[k], 0)).toBe(all[k]);
        }
        const overview = workstreamOverview(db, TODAY);
        expect(overview.reduce((s, w) => s + w.milestonesSlipped, 0)).toBe(all.slipped);
        expect(overview.reduce((s, w) => s + w.milestonesOpen, 0)).toBe(all.open);

        expect(listMilestones(db, { slipped: "1" }, TODAY)).toHaveLength(all.slipped);
        expect(listMilestones(db, { due: "overdue" }, TODAY)).toHaveLength(all.overdue);
        expect(listMilestones(db, { due: "90" }, TODAY)).toHaveLength(all.due90);
        const slippedRows = listMilestones(db, { slipped: "1" }, TODAY);
        expect(milestonesCsv(db, slippedRows).trim().split("\n")).toHaveLength(all.slipped + 1);

        const snap = buildQuarterSnapshot(db, fiscalQuarterLabel(TODAY, 1), TODAY).milestones;
        expect(snap).toMatchObject({
          total: all.total,
          done: all.done,
          open: all.open,
          slipped: all.slipped,
          overdue: all.overdue,
          slippedOriginal: all.slippedOriginal,
        });
      }),
      { numRuns: 25 },
    );
  });
});
