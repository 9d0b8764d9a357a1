import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actuals } from "#db/schema";
import { figuresTriggerName, NOT_FIGURE_INPUTS } from "#db/figures-version";
import { db } from "~/db.server";
import { cachedFigures, figuresChanges, rememberFigure } from "~/figures/memo.server";
import { moneyBy, moneyFigures } from "~/figures/money.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { makeWorkstream } from "#test/support/factories";
import { makeActual, makeProgram } from "#test/support/money-factories";
import { TODAY } from "#test/support/today";

const tables = () =>
  db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
const triggers = () => new Set(db.$client.prepare("select name from sqlite_master where type = 'trigger'").pluck().all() as string[]);

describe("the figures cache (figures_version and memo)", () => {
  let ws: { id: number };
  beforeAll(() => {
    makeProgram();
    ws = makeWorkstream();
    makeActual(ws.id, { date: "2024-02-01", amountCents: 1_000_00 });
  });

  it("counts changes on every table figures read, and only there", () => {
    const existing = triggers();
    const all = tables();
    const counted = all.filter((t) => !NOT_FIGURE_INPUTS.has(t));
    expect(counted).toEqual(expect.arrayContaining(["actuals", "milestones", "risk_history", "budget_line_history", "settings", "workstreams"]));
    for (const t of counted) {
      for (const event of ["insert", "update", "delete"] as const) expect(existing.has(figuresTriggerName(t, event)), `${event} trigger on ${t}`).toBe(true);
    }
    for (const t of all.filter((name) => NOT_FIGURE_INPUTS.has(name))) expect(existing.has(figuresTriggerName(t, "insert")), t).toBe(false);
    // The exclusions name real tables: a renamed table must not silently drop out of the list.
    for (const t of NOT_FIGURE_INPUTS) expect(all, t).toContain(t);
  });

  it("answers again from the cache, and afresh once the data changed", () => {
    const first = moneyFigures(db, { asOf: TODAY });
    expect(moneyFigures(db, { asOf: TODAY })).toBe(first);
    const before = figuresChanges(db.$client);
    makeActual(ws.id, { date: "2024-03-01", amountCents: 234_56 });
    expect(figuresChanges(db.$client)).toBe(before + 1);
    const after = moneyFigures(db, { asOf: TODAY });
    expect(after).not.toBe(first);
    expect(after.actualCents - first.actualCents).toBe(234_56);
    expect(moneyBy(db, "workstream", { asOf: TODAY }).get(ws.id)?.actualCents).toBe(after.actualCents);
  });

  it("counts an update and a delete made by raw SQL too, but not a write rolled back", () => {
    const before = figuresChanges(db.$client);
    db.run(sql`update actuals set amount_cents = amount_cents + 1 where reference like 'INV-T%'`);
    const afterUpdate = figuresChanges(db.$client);
    expect(afterUpdate).toBeGreaterThan(before);
    expect(() =>
      db.transaction((tx) => {
        tx.insert(actuals)
          .values({ reference: "INV-ROLLED-BACK", date: "2024-02-01", workstreamId: ws.id, costClass: "opex", category: "vendor", amountCents: 1 })
          .run();
        throw new Error("changed my mind");
      }),
    ).toThrow("changed my mind");
    expect(figuresChanges(db.$client)).toBe(afterUpdate);
  });

  it("never keeps what a transaction read before it rolled back", () => {
    const committed = moneyFigures(db, { asOf: TODAY });
    let inside = 0;
    expect(() =>
      db.transaction((tx) => {
        tx.insert(actuals)
          .values({ reference: "INV-UNCOMMITTED", date: "2024-02-02", workstreamId: ws.id, costClass: "opex", category: "vendor", amountCents: 99_00 })
          .run();
        // Read through the top-level handle while the transaction is open: it sees the uncommitted row.
        inside = moneyFigures(db, { asOf: TODAY }).actualCents;
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(inside - committed.actualCents).toBe(99_00);
    expect(moneyFigures(db, { asOf: TODAY }).actualCents).toBe(committed.actualCents);
    // The next committed change brings the count back to what it was inside the transaction.
    makeActual(ws.id, { date: "2024-02-03", amountCents: 1 });
    expect(moneyFigures(db, { asOf: TODAY }).actualCents).toBe(committed.actualCents + 1);
  });

  it("hands out results no caller can change under the next one", () => {
    const status = computeProgramStatus(db, TODAY);
    expect(Object.isFrozen(status)).toBe(true);
    expect(() => (status.workstreams as unknown[]).push({})).toThrow(TypeError);
    expect(computeProgramStatus(db, TODAY)).toBe(status);
  });

  it("keeps its results under a size bound, dropping the least recently used first", () => {
    // Each result is a MiB of text: a hundred of them are more than the cache may hold (64 MiB estimated).
    const big = (i: number) => ({ label: `result ${i} `.padEnd(1024 * 1024, "x") });
    const first = rememberFigure(db, "test:big:0", () => big(0));
    for (let i = 1; i < 100; i++) {
      rememberFigure(db, `test:big:${i}`, () => big(i));
      // Used again each time, so the first result stays among the most recently used.
      expect(rememberFigure(db, "test:big:0", () => big(-1))).toBe(first);
    }
    const held = cachedFigures(db);
    expect(held.bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(held.bytes).toBeGreaterThan(32 * 1024 * 1024);
    let computed = 0;
    rememberFigure(db, "test:big:1", () => {
      computed++;
      return big(1);
    });
    expect(computed).toBe(1);
    rememberFigure(db, "test:big:99", () => {
      computed++;
      return big(99);
    });
    expect(computed).toBe(1);
  });
});
