import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { loadBudget } from "~/budget/budget.server";
import { obligationsAsOf as listObligations } from "~/figures/obligations.server";

const TODAY = "2026-11-24";

describe("obligations and budget on the demo data", () => {
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
  }, 120_000);

  it("shows the settlement's progress toward $150M over 2022–2023 as an independent SQL sum does", () => {
    const settlement = listObligations(db, { source: "settlement" }, TODAY).find((o) => o.spendTag === "settlement")!;
    expect(settlement.targetCents).toBe(150_000_000_00);
    expect([settlement.windowStart, settlement.windowEnd]).toEqual(["2022-01-01", "2023-12-31"]);
    const independent = db.$client
      .prepare(
        `select coalesce(sum(a.amount_cents), 0) as cents, count(*) as n from actuals a
         where a.date between '2022-01-01' and '2023-12-31'
           and exists (select 1 from actual_tags t where t.actual_id = a.id and t.tag = 'settlement')`,
      )
      .get() as { cents: number; n: number };
    expect(independent.cents).toBeGreaterThanOrEqual(150_000_000_00);
    expect(settlement.spend!.progressCents).toBe(independent.cents);
    expect(settlement.spend!.invoices).toBe(independent.n);
    expect(settlement.spend).toMatchObject({ phase: "closed", willMeet: true });
  });

  it("reconciles the budget rollup with the database on the demo data", () => {
    const started = performance.now();
    const d = loadBudget(db, {}, TODAY);
    expect(performance.now() - started).toBeLessThan(2_000);
    const q = (sql: string) => (db.$client.prepare(sql).get(TODAY) as { n: number }).n;
    expect(d.totals.planCents).toBe(q("select coalesce(sum(amount_cents), 0) n from budget_lines where ? is not null"));
    expect(d.totals.actualCents).toBe(q("select coalesce(sum(amount_cents), 0) n from actuals where date <= ?"));
    expect(d.totals.committedCents).toBe(q("select coalesce(sum(amount_cents), 0) n from commitments where date <= ?"));
    for (const view of [d.levelRows, d.views.workstream, d.views.vendor, d.views.category, d.views.quarter]) {
      expect(view.reduce((s, r) => s + r.figures.actualCents, 0)).toBe(d.totals.actualCents);
      expect(view.reduce((s, r) => s + r.figures.planCents, 0)).toBe(d.totals.planCents);
    }
  });

  it("shows measures with their linked milestones", () => {
    const measures = listObligations(db, { kind: "measure" }, TODAY);
    expect(measures.length).toBeGreaterThan(5);
    expect(measures.some((m) => m.measure!.total > 0 && m.measure!.done > 0)).toBe(true);
  });
});
