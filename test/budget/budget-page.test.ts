import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as csvLoader } from "~/routes/budget[.csv]";
import { loader } from "~/routes/budget._index";
import { loader as xlsxLoader } from "~/routes/budget[.xlsx]";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeActual, makeBudgetLine, makeCommitment, makeEngagement, makeProgram, makeVendor } from "#test/support/money-factories";
import { args, getRequest } from "#test/support/requests";

type Data = Awaited<ReturnType<typeof loader>>;
const load = async (path: string) => {
  const { cookie } = signedIn("executive");
  return (await loader(args(getRequest(path, cookie)) as never)) as Data;
};

describe("/budget", () => {
  let ws1: { id: number; code: string };
  let ws2: { id: number; code: string };
  let vendorId: number;

  beforeAll(() => {
    makeProgram({ startFiscalYear: 2022, endFiscalYear: 2024 });
    ws1 = makeWorkstream({ code: "WS-01" });
    ws2 = makeWorkstream({ code: "WS-02" });
    const v = makeVendor({ name: "Mandiant" });
    vendorId = v.id;
    const e = makeEngagement(v.id, { sowReference: "SOW-MAN-1" });
    makeBudgetLine(ws1.id, { fiscalYear: 2022, quarter: 1, amountCents: 1_000_000_00 });
    makeBudgetLine(ws1.id, { fiscalYear: 2022, quarter: 2, amountCents: 500_000_00, engagementId: e.id });
    makeBudgetLine(ws2.id, { fiscalYear: 2023, quarter: 1, amountCents: 250_000_00, category: "labour" });
    makeActual(ws1.id, { reference: "INV-1", date: "2022-02-10", amountCents: 400_000_12 });
    makeActual(ws1.id, { reference: "INV-2", date: "2022-05-01", amountCents: 300_000_00, engagementId: e.id, tags: ["settlement"] });
    makeActual(ws2.id, { reference: "INV-3", date: "2023-01-20", amountCents: 99_99, category: "labour" });
    makeCommitment(ws1.id, { reference: "PO-1", date: "2022-01-05", amountCents: 700_000_00, engagementId: e.id });
  });

  it("totals the programme and lists fiscal years that drill to quarters", async () => {
    const d = await load("/budget");
    expect(d.level).toBe("year");
    expect(d.totals.planCents).toBe(1_750_000_00);
    expect(d.totals.actualCents).toBe(400_000_12 + 300_000_00 + 99_99);
    expect(d.totals.committedCents).toBe(700_000_00);
    expect(d.levelRows.map((r) => [r.key, r.href])).toEqual([
      ["FY2022", "/budget?fy=2022"],
      ["FY2023", "/budget?fy=2023"],
    ]);
    expect(d.burnUp.points).toHaveLength(12);
    expect(d.burnUp.points.at(-1)!.planCents).toBe(1_750_000_00);
    expect(d.views.vendor.find((r) => r.label === "Mandiant")!.figures.actualCents).toBe(300_000_00);
  });

  it("drills from a year to its quarters, to workstreams, to the actual rows", async () => {
    const year = await load("/budget?fy=2022");
    expect(year.level).toBe("quarter");
    expect(year.levelRows.map((r) => r.key)).toEqual(["FY2022-Q1", "FY2022-Q2"]);
    const quarter = await load(year.levelRows[0]!.href!);
    expect(quarter.level).toBe("workstream");
    expect(quarter.levelRows.map((r) => r.label)).toEqual([expect.stringMatching(/^WS-01 /)]);
    expect(quarter.totals.actualCents).toBe(400_000_12);
    const rows = await load(quarter.levelRows[0]!.href!);
    expect(rows.level).toBe("actuals");
    expect(rows.actualRows.map((r) => r.reference)).toEqual(["INV-1"]);
  });

  it("filters by workstream, category and vendor, and ignores invalid values", async () => {
    expect((await load("/budget?ws=WS-02")).totals.actualCents).toBe(99_99);
    expect((await load("/budget?category=labour")).totals.planCents).toBe(250_000_00);
    expect((await load(`/budget?vendor=${vendorId}`)).totals.actualCents).toBe(300_000_00);
    const bad = await load("/budget?fy=abc&category=gold&ws=NOPE&q=3");
    expect(bad.ignored.sort()).toEqual(["category", "fy", "q", "ws"]);
    expect(bad.totals.planCents).toBe(1_750_000_00);
  });

  it("exports the filtered view as CSV with exact decimal amounts, and audits it", async () => {
    const { cookie } = signedIn("executive");
    const res = (await csvLoader(args(getRequest("/budget.csv?fy=2022&q=1&ws=WS-01", cookie)) as never)) as Response;
    const text = await res.text();
    expect(text.split("\n")[0]).toBe("reference,date,amount,workstream,engagement_sow,vendor,category,cost_class,tags,description");
    expect(text).toContain("INV-1,2022-02-10,400000.12,WS-01");
    const years = await ((await csvLoader(args(getRequest("/budget.csv", cookie)) as never)) as Response).text();
    expect(years.trim().split("\n")).toHaveLength(3);
    const audit = db.$client.prepare("select count(*) n from audit_events where action = 'budget.export'").get() as { n: number };
    expect(audit.n).toBe(2);
  });

  it("exports a workbook with one sheet per view", async () => {
    const { cookie } = signedIn("ciso_office");
    const res = (await xlsxLoader(args(getRequest("/budget.xlsx", cookie)) as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "By fiscal year",
      "By quarter",
      "By workstream",
      "By vendor",
      "By category",
      "By engagement",
      "Actuals",
    ]);
    expect(wb.getWorksheet("Actuals")!.rowCount).toBe(4);
    expect(wb.getWorksheet("By quarter")!.getCell("A2").value).toBe("FY2022-Q1");
  });
});

describe("moneyBy", () => {
  it("gives each workstream and engagement its own figures", async () => {
    const { moneyBy } = await import("~/figures/money.server");
    const byWs = moneyBy(db, "workstream", { asOf: "2030-01-01" });
    const ws = db.$client.prepare("select id from workstreams where code = 'WS-01'").get() as { id: number };
    expect(byWs.get(ws.id)!.actualCents).toBe(400_000_12 + 300_000_00);
    const byEng = moneyBy(db, "engagement", { asOf: "2030-01-01" });
    expect([...byEng.values()].map((f) => [f.planCents, f.actualCents, f.committedCents])).toEqual([[500_000_00, 300_000_00, 700_000_00]]);
  });
});
