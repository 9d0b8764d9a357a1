import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action, loader } from "~/routes/budget.plan";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeBudgetLine, makeEngagement, makeProgram, makeVendor } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

type Grid = Awaited<ReturnType<typeof loader>>;
type Reply = {
  data: { result: { error?: Record<string, string[]> }; conflict: { changes: Array<{ field: string; yours: unknown; theirs: unknown }> } | null };
  init: { status: number };
};

/** The form the page would post, with some cells typed over. */
function gridForm(grid: Grid, edits: Record<string, string> = {}): Record<string, string> {
  const f: Record<string, string> = { ws: grid.ws!.code, fy: String(grid.fy) };
  let i = 0;
  for (const r of grid.rows) {
    for (const c of r.cells) {
      const n = `cells[${i++}]`;
      if (c.id) f[`${n}.id`] = String(c.id);
      if (c.version) f[`${n}.version`] = String(c.version);
      Object.assign(f, {
        [`${n}.quarter`]: String(c.quarter),
        [`${n}.costClass`]: r.costClass,
        [`${n}.category`]: r.category,
        [`${n}.original`]: c.amount,
        [`${n}.amount`]: c.amount,
      });
      if (r.engagementId) f[`${n}.engagementId`] = String(r.engagementId);
      const key = `${r.costClass}/${r.category}/Q${c.quarter}`;
      if (key in edits) f[`${n}.amount`] = edits[key]!;
    }
  }
  return f;
}

const amounts = (wsId: number) =>
  db.$client
    .prepare(
      "select quarter, cost_class c, category, amount_cents a, version v from budget_lines where workstream_id = ? and fiscal_year = 2024 order by quarter, c, category",
    )
    .all(wsId);

describe("plan editing grid", () => {
  let ws: { id: number; code: string };
  let cookie: string;
  let engagementId: number;
  beforeAll(() => {
    makeProgram({ startFiscalYear: 2022, endFiscalYear: 2027 });
    ws = makeWorkstream({ code: "WS-07" });
    engagementId = makeEngagement(makeVendor().id, { sowReference: "SOW-P-1" }).id;
    makeBudgetLine(ws.id, { fiscalYear: 2024, quarter: 1, costClass: "opex", category: "vendor", amountCents: 1_000_00 });
    cookie = signedIn("ciso_office").cookie;
  });

  const open = async () => (await loader(args(getRequest("/budget/plan?ws=WS-07&fy=2024", cookie)) as never)) as Grid;

  it("shows quarters × class/category, with the existing line in its cell", async () => {
    const grid = await open();
    expect(grid.rows).toHaveLength(8);
    const row = grid.rows.find((r) => r.costClass === "opex" && r.category === "vendor")!;
    expect(row.cells.map((c) => c.amount)).toEqual(["1000.00", "", "", ""]);
  });

  it("saves changed cells in one transaction (update + insert), audited", async () => {
    const grid = await open();
    const res = (await settle(() =>
      action(args(postRequest("/budget/plan", gridForm(grid, { "opex/vendor/Q1": "1,500.25", "capex/tooling/Q3": "20000" }), cookie)) as never),
    )) as Response;
    expect(res.status).toBe(302);
    expect(amounts(ws.id)).toEqual([
      { quarter: 1, c: "opex", category: "vendor", a: 1_500_25, v: 2 },
      { quarter: 3, c: "capex", category: "tooling", a: 20_000_00, v: 1 },
    ]);
    const audit = db.$client.prepare("select action from audit_events where action like 'budget_line.%' order by action").all();
    expect(audit).toEqual([{ action: "budget_line.create" }, { action: "budget_line.update" }]);
  });

  it("refuses the whole grid with 409 when a cell is stale, and shows theirs beside yours", async () => {
    const stale = await open();
    db.$client.prepare("update budget_lines set amount_cents = 7, version = version + 1 where workstream_id = ? and quarter = 1").run(ws.id);
    const reply = (await action(
      args(postRequest("/budget/plan", gridForm(stale, { "opex/vendor/Q1": "9.00", "opex/labour/Q2": "5.00" }), cookie)) as never,
    )) as unknown as Reply;
    expect(reply.init.status).toBe(409);
    expect(reply.data.conflict!.changes).toEqual([{ field: "FY2024-Q1 opex vendor", yours: "9.00", theirs: "0.07" }]);
    // The labour cell would have been new: it was rolled back with the rest.
    expect(amounts(ws.id)).toHaveLength(2);
  });

  it("answers 400 with the error beside the bad cell", async () => {
    const grid = await open();
    const reply = (await action(args(postRequest("/budget/plan", gridForm(grid, { "opex/vendor/Q2": "12.345" }), cookie)) as never)) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(Object.keys(reply.data.result.error ?? {})).toEqual([expect.stringMatching(/^cells\[\d+\]\.amount$/)]);
  });

  it("adds a row tied to an engagement", async () => {
    const grid = await open();
    const form = {
      ...gridForm(grid),
      "newRow.costClass": "opex",
      "newRow.category": "vendor",
      "newRow.engagementId": String(engagementId),
      "newRow.q2": "300",
    };
    const res = (await settle(() => action(args(postRequest("/budget/plan", form, cookie)) as never))) as Response;
    expect(res.status).toBe(302);
    const after = await open();
    expect(after.rows.find((r) => r.engagementId === engagementId)!.cells[1]!.amount).toBe("300.00");
  });
});
