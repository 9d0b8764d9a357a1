import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { COST_CATEGORIES } from "#db/schema/enums";
import { makeApiToken } from "#test/support/api-token-factories";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { db } from "~/db.server";
import { centsToDecimal } from "~/money/cents";
import { fiscalQuarterOf, formatQuarter, quarterBounds } from "~/money/fiscal";
import { loader as budgetApi } from "~/routes/api.v1.budget";
import { loader as budgetCsv } from "~/routes/budget[.csv]";
import { loader as budgetXlsx } from "~/routes/budget[.xlsx]";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeEngagement, makeProgram, makeVendor } from "#test/support/money-factories";
import { args, getRequest, settle } from "#test/support/requests";
import { TODAY } from "#test/support/today";

/**
 * On small random programmes, every view of the money figures (dashboard
 * loader, API JSON, /budget CSV and XLSX, board snapshot) gives the same
 * numbers for the same scope and as-of day.
 */
const FIGURES = [
  "planCents",
  "planToDateCents",
  "committedCents",
  "actualCents",
  "remainingCents",
  "varianceCents",
  "burnRateCents",
  "eacCents",
  "eacTrendCents",
] as const;
const CSV_HEADER: Record<(typeof FIGURES)[number], string> = {
  planCents: "plan",
  planToDateCents: "plan_to_date",
  committedCents: "committed",
  actualCents: "actual",
  remainingCents: "remaining",
  varianceCents: "variance",
  burnRateCents: "burn_rate_per_quarter",
  eacCents: "eac",
  eacTrendCents: "eac_trend",
};
type Figures = Record<(typeof FIGURES)[number], number>;
type Row = { key: string; label: string; figures: Figures };

const day = (from: number, to: number) => fc.integer({ min: from, max: to }).map((t) => new Date(t).toISOString().slice(0, 10));
const today = Date.parse(`${TODAY}T00:00:00Z`);

describe("every view gives the same money figures", () => {
  let token: string;
  let cookie: string;
  let wsIds: number[];
  let engIds: Array<number | null>;

  beforeAll(() => {
    makeProgram({ startFiscalYear: 2022, endFiscalYear: 2027 });
    const { user, cookie: c } = signedIn("executive");
    cookie = c;
    token = makeApiToken(user.id).token;
    wsIds = [makeWorkstream({ code: "WS-01" }).id, makeWorkstream({ code: "WS-02" }).id, makeWorkstream({ code: "WS-03" }).id];
    const v = makeVendor();
    engIds = [null, makeEngagement(v.id).id, makeEngagement(makeVendor().id).id];
  });

  const fact = (from: number) =>
    fc.record({
      date: day(from, today),
      cents: fc.integer({ min: 0, max: 5_000_000_00 }),
      ws: fc.integer({ min: 0, max: 2 }),
      eng: fc.integer({ min: 0, max: 2 }),
      category: fc.constantFrom(...COST_CATEGORIES),
    });
  const planLine = fc.record({
    fy: fc.integer({ min: 2022, max: 2027 }),
    q: fc.integer({ min: 1, max: 4 }),
    cents: fc.integer({ min: 0, max: 9_000_000_00 }),
    ws: fc.integer({ min: 0, max: 2 }),
    eng: fc.integer({ min: 0, max: 2 }),
    category: fc.constantFrom(...COST_CATEGORIES),
  });

  it("dashboard, API, CSV, XLSX and board snapshot agree, today and at a past quarter's end", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(planLine, { maxLength: 25 }),
        fc.array(fact(Date.UTC(2021, 0, 1)), { maxLength: 12 }),
        fc.array(fact(Date.UTC(2022, 0, 1)), { maxLength: 25 }),
        day(Date.UTC(2022, 0, 1), today - 100 * 86_400_000),
        async (plan, orders, invoices, pastDay) => {
          const c = db.$client;
          c.exec("delete from actual_tags; delete from actuals; delete from commitments; delete from budget_line_history; delete from budget_lines;");
          c.transaction(() => {
            plan.forEach((p) => {
              const line = c
                .prepare(
                  "insert into budget_lines (fiscal_year, quarter, workstream_id, engagement_id, cost_class, category, amount_cents) values (?,?,?,?,?,?,?)",
                )
                .run(p.fy, p.q, wsIds[p.ws], engIds[p.eng], "opex", p.category, p.cents);
              c.prepare(
                "insert into budget_line_history (budget_line_id, fiscal_year, quarter, workstream_id, engagement_id, cost_class, category, amount_cents, valid_from) values (?,?,?,?,?,?,?,?,'2000-01-01T00:00:00.000Z')",
              ).run(line.lastInsertRowid, p.fy, p.q, wsIds[p.ws], engIds[p.eng], "opex", p.category, p.cents);
            });
            orders.forEach((o, i) =>
              c
                .prepare("insert into commitments (reference, date, workstream_id, engagement_id, cost_class, category, amount_cents) values (?,?,?,?,?,?,?)")
                .run(`PO-${i}`, o.date, wsIds[o.ws], engIds[o.eng], "opex", o.category, o.cents),
            );
            invoices.forEach((a, i) =>
              c
                .prepare("insert into actuals (reference, date, workstream_id, engagement_id, cost_class, category, amount_cents) values (?,?,?,?,?,?,?)")
                .run(`INV-${i}`, a.date, wsIds[a.ws], engIds[a.eng], "opex", a.category, a.cents),
            );
          })();

          // Today: API JSON, dashboard, /budget CSV (by year) and XLSX (summary), and the board snapshot of the current quarter.
          const api = await budgetJson(TODAY);
          const dash = (await dashboardLoader(args(getRequest("/dashboard", cookie)) as never)) as { budget: { totals: Figures } };
          expect(pick(dash.budget.totals)).toEqual(pick(api.totals));

          const csv = (await (await budgetCsv(args(getRequest("/budget.csv", cookie)) as never)).text()) as string;
          const records = parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Array<Record<string, string>>;
          expect(records.map((r) => r.fiscal_year)).toEqual(api.views.fiscalYear.map((r) => r.label));
          records.forEach((r, i) => {
            for (const f of FIGURES) expect(r[CSV_HEADER[f]], `${f} of ${r.fiscal_year}`).toBe(centsToDecimal(api.views.fiscalYear[i]!.figures[f]));
          });

          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(await ((await budgetXlsx(args(getRequest("/budget.xlsx", cookie)) as never)) as Response).arrayBuffer());
          const summary = new Map<string, unknown>();
          wb.getWorksheet("Summary")!.eachRow((row) => void summary.set(String(row.getCell(1).value), row.getCell(2).value));
          for (const f of FIGURES) expect(summary.get(CSV_HEADER[f]), f).toBe(Number(centsToDecimal(api.totals[f])));

          const current = formatQuarter(fiscalQuarterOf(TODAY, 1));
          expectSnapshotMatches(buildQuarterSnapshot(db, current, TODAY), api);

          // A past quarter: /dashboard?quarter=Q, the API as of its last day, and the snapshot of Q.
          const q = fiscalQuarterOf(pastDay, 1);
          const end = quarterBounds(q, 1).end;
          const past = await budgetJson(end);
          const pastDash = (await dashboardLoader(args(getRequest(`/dashboard?quarter=${formatQuarter(q)}`, cookie)) as never)) as {
            budget: { totals: Figures };
          };
          expect(pick(pastDash.budget.totals)).toEqual(pick(past.totals));
          expectSnapshotMatches(buildQuarterSnapshot(db, formatQuarter(q), end), past);
        },
      ),
      { numRuns: 12 },
    );
  });

  async function budgetJson(asOf: string): Promise<{ totals: Figures; views: { fiscalYear: Row[]; workstream: Row[] } }> {
    const request = new Request(`http://localhost:3000/api/v1/budget?asOf=${asOf}`, { headers: { authorization: `Bearer ${token}` } });
    const res = (await settle(() => budgetApi(args(request) as never))) as Response;
    expect(res.status).toBe(200);
    return (await res.json()) as { totals: Figures; views: { fiscalYear: Row[]; workstream: Row[] } };
  }
});

const pick = (f: Figures) => Object.fromEntries(FIGURES.map((k) => [k, f[k]]));

function expectSnapshotMatches(s: ReturnType<typeof buildQuarterSnapshot>, api: { totals: Figures; views: { workstream: Row[] } }) {
  expect(s.spend).toMatchObject({
    planToDateCents: api.totals.planToDateCents,
    actualToDateCents: api.totals.actualCents,
    committedToDateCents: api.totals.committedCents,
    totalPlanCents: api.totals.planCents,
  });
  const byCode = new Map(api.views.workstream.map((r) => [r.label.split(" ")[0], r.figures]));
  for (const w of s.workstreams) {
    expect(w.planToDateCents, w.code).toBe(byCode.get(w.code)?.planToDateCents ?? 0);
    expect(w.actualToDateCents, w.code).toBe(byCode.get(w.code)?.actualCents ?? 0);
  }
  const last = s.spendSeries.at(-1);
  if (last) {
    expect(last.actualCents).toBe(api.totals.actualCents);
    expect(last.committedCents).toBe(api.totals.committedCents);
  }
}
