import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { COST_CATEGORIES, COST_CLASSES } from "#db/schema/enums";
import { db } from "~/db.server";
import { moneyCube } from "~/figures/money/cube.server";
import { type CubeCell, DIMENSIONS, type RollupContext, rollupBy, summarize } from "~/figures/money/rollup";
import { fiscalQuarterLabel, fiscalQuarterOf, quarterBounds } from "~/money/fiscal";
import { makeWorkstream } from "#test/support/factories";
import { makeEngagement, makeVendor } from "#test/support/money-factories";

// Every additive figure; exposure (a max), the burn rate and the trend (averages) are not sums by definition.
const MEASURES = [
  "planCents",
  "planToDateCents",
  "committedCents",
  "actualCents",
  "remainingCents",
  "planNotYetDueCents",
  "varianceCents",
  "eacCents",
] as const;

const dateArb = fc.integer({ min: Date.UTC(2021, 5, 1), max: Date.UTC(2028, 5, 30) }).map((t) => new Date(t).toISOString().slice(0, 10));
// Up to $100M per row: large enough that a float sum of dollars would drift.
const centsArb = fc.integer({ min: 0, max: 10_000_000_000 });

function ctxFor(asOf: string, fyStartMonth: number): RollupContext {
  return { asOf, fyStartMonth, horizon: { from: { fiscalYear: 2022, quarter: 1 }, to: { fiscalYear: 2027, quarter: 4 } } };
}

function expectReconciled(cells: CubeCell[], ctx: RollupContext) {
  const total = summarize(cells, ctx);
  for (const dimension of DIMENSIONS) {
    const rows = rollupBy(cells, dimension, ctx);
    for (const m of MEASURES) {
      expect(
        rows.reduce((s, r) => s + r.figures[m], 0),
        `${m} by ${dimension}`,
      ).toBe(total[m]);
    }
  }
  return total;
}

describe("rollups reconcile on random cubes (pure)", () => {
  const cellArb = fc
    .record({
      fiscalYear: fc.integer({ min: 2021, max: 2028 }),
      quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
      workstreamId: fc.integer({ min: 1, max: 6 }),
      engagementId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      vendorId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      category: fc.constantFrom(...COST_CATEGORIES),
      costClass: fc.constantFrom(...COST_CLASSES),
      planCents: centsArb,
      dueShare: fc.integer({ min: 0, max: 100 }),
      committedCents: centsArb,
      actualCents: centsArb,
    })
    .map(({ dueShare, ...c }) => ({ ...c, planToDateCents: Math.floor((c.planCents * dueShare) / 100) }));

  it("by workstream = by quarter = by year = by vendor = by category = programme total, to the cent", () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 120 }), dateArb, fc.integer({ min: 1, max: 12 }), (cells, asOf, m) => {
        const total = expectReconciled(cells, ctxFor(asOf, m));
        for (const k of ["planCents", "committedCents", "actualCents"] as const) {
          expect(BigInt(total[k])).toBe(cells.reduce((s, c) => s + BigInt(c[k]), 0n));
        }
        expect(total.planToDateCents).toBeLessThanOrEqual(total.planCents);
        expect(total.eacCents).toBe(total.actualCents + total.planCents - total.planToDateCents);
      }),
      { numRuns: 200 },
    );
  });
});

describe("rollups reconcile on random database rows (SQL aggregates + pure functions)", () => {
  let wsIds: number[];
  let engIds: Array<number | null>;

  beforeAll(() => {
    wsIds = [makeWorkstream().id, makeWorkstream().id, makeWorkstream().id];
    const [v1, v2] = [makeVendor(), makeVendor()];
    engIds = [null, makeEngagement(v1.id).id, makeEngagement(v1.id).id, makeEngagement(v2.id).id];
  });

  const rowArb = fc.record({
    date: dateArb,
    cents: centsArb,
    ws: fc.integer({ min: 0, max: 2 }),
    eng: fc.integer({ min: 0, max: 3 }),
    category: fc.constantFrom(...COST_CATEGORIES),
    costClass: fc.constantFrom(...COST_CLASSES),
  });

  it("matches independent SQL totals and the JavaScript fiscal calendar for any start month", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 60 }),
        fc.array(rowArb, { maxLength: 30 }),
        fc.array(rowArb, { maxLength: 60 }),
        dateArb,
        fc.integer({ min: 1, max: 12 }),
        (planRows, commitRows, actualRows, asOf, fyStart) => {
          const c = db.$client;
          c.exec("delete from actuals; delete from commitments; delete from budget_line_history; delete from budget_lines;");
          const insert = c.transaction(() => {
            planRows.forEach((r) => {
              const [fy, q] = fiscalQuarterLabel(r.date, fyStart).match(/\d+/g)!.map(Number);
              const line = c
                .prepare(
                  "insert into budget_lines (fiscal_year, quarter, workstream_id, engagement_id, cost_class, category, amount_cents) values (?,?,?,?,?,?,?)",
                )
                .run(fy, q, wsIds[r.ws], engIds[r.eng], r.costClass, r.category, r.cents);
              c.prepare(
                "insert into budget_line_history (budget_line_id, fiscal_year, quarter, workstream_id, engagement_id, cost_class, category, amount_cents, valid_from) values (?,?,?,?,?,?,?,?,'2000-01-01T00:00:00.000Z')",
              ).run(line.lastInsertRowid, fy, q, wsIds[r.ws], engIds[r.eng], r.costClass, r.category, r.cents);
            });
            commitRows.forEach((r, i) =>
              c
                .prepare("insert into commitments (reference, date, workstream_id, engagement_id, cost_class, category, amount_cents) values (?,?,?,?,?,?,?)")
                .run(`PO-${i}`, r.date, wsIds[r.ws], engIds[r.eng], r.costClass, r.category, r.cents),
            );
            actualRows.forEach((r, i) =>
              c
                .prepare("insert into actuals (reference, date, workstream_id, engagement_id, cost_class, category, amount_cents) values (?,?,?,?,?,?,?)")
                .run(`INV-${i}`, r.date, wsIds[r.ws], engIds[r.eng], r.costClass, r.category, r.cents),
            );
          });
          insert();

          const ctx = ctxFor(asOf, fyStart);
          const cells = moneyCube(db, { asOf, fyStartMonth: fyStart });
          const total = expectReconciled(cells, ctx);

          const sqlSum = (q: string) => (c.prepare(q).get(asOf) as { n: number }).n;
          expect(total.planCents).toBe(sqlSum("select coalesce(sum(amount_cents), 0) n from budget_lines where ? is not null"));
          expect(total.committedCents).toBe(sqlSum("select coalesce(sum(amount_cents), 0) n from commitments where date <= ?"));
          expect(total.actualCents).toBe(sqlSum("select coalesce(sum(amount_cents), 0) n from actuals where date <= ?"));

          // Plan to date, line by line from the calendar: whole quarters ended by D, the quarter of D by days elapsed, floored per line.
          let planToDate = 0;
          for (const r of planRows) {
            const { start, end } = quarterBounds(fiscalQuarterOf(r.date, fyStart), fyStart);
            if (end <= asOf) planToDate += r.cents;
            else if (start <= asOf) {
              const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
              planToDate += Number((BigInt(r.cents) * BigInt(days(start, asOf))) / BigInt(days(start, end)));
            }
          }
          expect(total.planToDateCents).toBe(planToDate);

          // The SQL fiscal mapping agrees with fiscalQuarterOf() row by row.
          const expected = new Map<string, number>();
          for (const r of actualRows.filter((r) => r.date <= asOf)) {
            const k = fiscalQuarterLabel(r.date, fyStart);
            expected.set(k, (expected.get(k) ?? 0) + r.cents);
          }
          const got = new Map(
            rollupBy(cells, "quarter", ctx)
              .filter((r) => r.figures.actualCents)
              .map((r) => [r.key, r.figures.actualCents]),
          );
          expect(got).toEqual(new Map([...expected].filter(([, v]) => v)));
        },
      ),
      { numRuns: 40 },
    );
  });
});
