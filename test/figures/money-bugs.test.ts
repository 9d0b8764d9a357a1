import { beforeAll, describe, expect, it } from "vitest";
import { checkImport } from "~/budget/actuals-import.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { db } from "~/db.server";
import { updateObligation } from "~/obligations/update.server";
import { loader as budgetApi } from "~/routes/api.v1.budget";
import { loader as programApi } from "~/routes/api.v1.program";
import { action as spendAction } from "~/routes/budget.spend";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeActual, makeBudgetLine, makeCommitment, makeObligation, makeProgram } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

/**
 * The money and obligation bugs of issue 11, each through the view that
 * showed it. Every workstream below is its own small story; the API is
 * filtered to it so the stories do not mix.
 */
type Figures = Record<
  | "planCents"
  | "planToDateCents"
  | "actualCents"
  | "committedCents"
  | "planNotYetDueCents"
  | "eacCents"
  | "eacTrendCents"
  | "burnRateCents"
  | "exposureVarianceCents",
  number
>;
type BudgetBody = {
  totals: Figures;
  views: { fiscalYear: Array<{ key: string; figures: Figures }> };
  burnUp: Array<{ label: string; committedCents: number | null; actualCents: number | null }>;
};

// The workstreams exist long before every as-of date these tests read (their history starts when they are created).
const LONG_AGO = "2021-06-01T00:00:00.000Z";

let token: string;
async function api<T>(loader: (a: never) => Promise<unknown>, path: string): Promise<T> {
  const request = new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } });
  const res = (await settle(() => loader(args(request) as never))) as Response;
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}
const budget = (query: string) => api<BudgetBody>(budgetApi, `/api/v1/budget?${query}`);

beforeAll(() => {
  makeProgram({ startFiscalYear: 2022, endFiscalYear: 2024 });
  const { user } = signedIn("executive");
  token = makeApiToken(user.id).token;

  // WS-A: a purchase order signed before the first plan quarter.
  const a = makeWorkstream({ code: "WS-A", createdAt: LONG_AGO });
  makeBudgetLine(a.id, { fiscalYear: 2022, quarter: 1, amountCents: 100_000_00 });
  makeCommitment(a.id, { date: "2021-11-01", amountCents: 23_400_00 });
  makeCommitment(a.id, { date: "2023-02-01", amountCents: 10_000_00 });

  // WS-B: an invoice drawn against a purchase order.
  const b = makeWorkstream({ code: "WS-B", createdAt: LONG_AGO });
  makeBudgetLine(b.id, { fiscalYear: 2022, quarter: 1, amountCents: 80_00_00 });
  makeCommitment(b.id, { date: "2022-01-10", amountCents: 100_00_00 });
  makeActual(b.id, { date: "2022-02-01", amountCents: 60_00_00 });

  // WS-C: 100.00 a quarter in FY2022, 400.00 in FY2023-Q1; plan in every year.
  const c = makeWorkstream({ code: "WS-C", createdAt: LONG_AGO });
  for (const [date, cents] of [
    ["2022-02-01", 100_00],
    ["2022-05-01", 100_00],
    ["2022-08-01", 100_00],
    ["2022-11-01", 100_00],
    ["2023-02-01", 400_00],
  ] as const)
    makeActual(c.id, { date, amountCents: cents });
  for (const fiscalYear of [2022, 2023, 2024]) makeBudgetLine(c.id, { fiscalYear, quarter: 2, amountCents: 1_000_00 });

  // WS-D: two half-dollar lines in a 91-day quarter.
  const d = makeWorkstream({ code: "WS-D", createdAt: LONG_AGO });
  makeBudgetLine(d.id, { fiscalYear: 2024, quarter: 2, amountCents: 50, category: "vendor" });
  makeBudgetLine(d.id, { fiscalYear: 2024, quarter: 2, amountCents: 50, category: "labour" });
});

describe("money figures agree across views", () => {
  it("counts commitments dated before the first plan quarter in the burn-up as in the Committed total", async () => {
    const b = await budget("ws=WS-A&asOf=2024-06-30");
    expect(b.totals.committedCents).toBe(33_400_00);
    expect(b.burnUp.filter((p) => p.committedCents !== null).at(-1)!.committedCents).toBe(33_400_00);
  });

  it("measures exposure as the larger of actual and committed, not their sum (decision 007)", async () => {
    const b = await budget("ws=WS-B&asOf=2024-06-30");
    expect(b.totals.planToDateCents).toBe(80_00_00);
    expect(b.totals.exposureVarianceCents).toBe(100_00_00 - 80_00_00);
  });

  it("gives a closed year its actual as trend EAC, and a future year the burn rate over its quarters", async () => {
    // As of 2023-03-31 the last four complete quarters are FY2022-Q2..FY2023-Q1: (100 + 100 + 100 + 400) / 4 = 175.00.
    const b = await budget("ws=WS-C&asOf=2023-03-31");
    const year = new Map(b.views.fiscalYear.map((r) => [r.key, r.figures]));
    expect(year.get("FY2022")!.eacTrendCents).toBe(400_00);
    expect(year.get("FY2024")!.eacTrendCents).toBe(4 * 175_00);
    expect((await budget("ws=WS-C&fy=2024&asOf=2023-03-31")).totals.eacTrendCents).toBe(4 * 175_00);
    expect((await budget("ws=WS-C&fy=2022&asOf=2023-03-31")).totals.eacTrendCents).toBe(400_00);
  });

  it("counts the quarter that ends on the as-of day as complete in the burn rate, as plan to date does", async () => {
    const b = await budget("ws=WS-C&asOf=2023-03-31");
    expect(b.totals.burnRateCents).toBe(175_00);
  });

  it("rounds plan to date the same way in /api/v1/program and /api/v1/budget", async () => {
    const b = await budget("ws=WS-D&asOf=2024-04-01");
    const p = await api<{ workstreams: Array<{ code: string; cost: { varianceCents: number } }>; money?: Figures }>(
      programApi,
      "/api/v1/program?asOf=2024-04-01",
    );
    expect(p.money?.planToDateCents).toBe((await budget("asOf=2024-04-01")).totals.planToDateCents);
    // Nothing spent or committed, so the cost variance is minus the plan to date.
    const fromProgram = 0 - p.workstreams.find((w) => w.code === "WS-D")!.cost.varianceCents;
    expect(fromProgram).toBe(b.totals.planToDateCents);
    expect(b.totals.planToDateCents).toBe(0); // each 50-cent line floors to 0 on day 1 of 91
  });

  it("shows dashboard EAC tiles that add up: actual to date + plan not yet due", async () => {
    const { cookie } = signedIn("executive");
    const d = (await dashboardLoader(args(getRequest("/dashboard", cookie)) as never)) as { budget: { totals: Figures } };
    const t = d.budget.totals;
    expect(t.planNotYetDueCents).toBe(t.planCents - t.planToDateCents);
    expect(t.actualCents + t.planNotYetDueCents).toBe(t.eacCents);
  });
});

describe("dates outside the programme's range", () => {
  it("refuses an actual dated after the programme, beside the date field", async () => {
    const { cookie } = signedIn("ciso_office");
    const fields = { kind: "actual", reference: "INV-LATE", date: "2031-01-15", amount: "10.00", workstream: "WS-A", category: "vendor", costClass: "opex" };
    const r = (await settle(() => spendAction(args(postRequest("/budget/spend", fields, cookie)) as never))) as {
      data: { result: { error?: Record<string, string[]> } };
      init: { status: number };
    };
    expect(r.init.status).toBe(400);
    expect(r.data.result.error?.date?.[0]).toMatch(/2022-01-01 and 2024-12-31/);
    expect(db.$client.prepare("select count(*) n from actuals where reference = 'INV-LATE'").get()).toEqual({ n: 0 });
  });

  it("refuses a commitment dated years before the programme", async () => {
    const { cookie } = signedIn("ciso_office");
    const fields = { kind: "commitment", reference: "PO-OLD", date: "2019-06-01", amount: "10.00", workstream: "WS-A", category: "vendor", costClass: "opex" };
    const r = (await settle(() => spendAction(args(postRequest("/budget/spend", fields, cookie)) as never))) as { init: { status: number } };
    expect(r.init.status).toBe(400);
  });

  it("reports an out-of-range date in the finance import by line and column", () => {
    const csv = "ref,date,amount,ws,category,class\nINV-OK,2023-05-01,10.00,WS-A,vendor,opex\nINV-EARLY,2019-05-01,10.00,WS-A,vendor,opex\n";
    const mapping = { reference: "ref", date: "date", amount: "amount", workstream: "ws", category: "category", costClass: "class" };
    const r = checkImport(db, csv, mapping);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([expect.objectContaining({ line: 3, column: "date", message: expect.stringMatching(/between 2022-01-01 and 2024-12-31/) })]);
  });
});

describe("obligations as of a past quarter", () => {
  it("leaves out obligations recorded after the day, and shows the status recorded then", async () => {
    const early = makeObligation({ code: "OB-EARLY", status: "not_started", recordedAt: "2022-01-01T12:00:00.000Z" });
    makeObligation({ code: "OB-LATER", recordedAt: "2025-01-10T12:00:00.000Z" });
    const { user, cookie } = signedIn("ciso_office");
    updateObligation(db, { actorId: user.id, requestId: "t", ip: null } as never, early.id, { version: early.version, status: "met", evidenceNotes: "" });

    const d = (await dashboardLoader(args(getRequest("/dashboard?quarter=FY2024-Q4", cookie)) as never)) as {
      obligations: Array<{ code: string; status: string }>;
    };
    expect(d.obligations.map((o) => [o.code, o.status])).toEqual([["OB-EARLY", "not_started"]]);
    const now = (await dashboardLoader(args(getRequest("/dashboard", cookie)) as never)) as { obligations: Array<{ code: string; status: string }> };
    expect(now.obligations.map((o) => [o.code, o.status])).toEqual([
      ["OB-EARLY", "met"],
      ["OB-LATER", "not_started"],
    ]);
  });
});
