import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { CSF_CATEGORIES } from "#db/schema/measures";
import { workstreamOverview } from "~/dashboard/overview.server";
import { db } from "~/db.server";
import { loader as programApi } from "~/routes/api.v1.program";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { loader as dashboardCsv } from "~/routes/dashboard[.csv]";
import { loader as dashboardXlsx } from "~/routes/dashboard[.xlsx]";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { args, getRequest, settle } from "#test/support/requests";
import { TODAY } from "#test/support/today";

const one = (sql: string, ...params: unknown[]) => (db.$client.prepare(sql).get(...params) as { n: number }).n;

type Dash = Awaited<ReturnType<typeof dashboardLoader>>;

describe("executive dashboard on the demo data", () => {
  let cookie: string;
  let dash: Dash;

  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    cookie = signedIn("executive").cookie;
    dash = (await dashboardLoader(args(getRequest("/dashboard", cookie)) as never)) as Dash;
  });

  it("totals actuals, commitments and plan like independent SQL", () => {
    expect(dash.budget.totals.actualCents).toBe(one("select coalesce(sum(amount_cents),0) n from actuals where date <= ?", TODAY));
    expect(dash.budget.totals.committedCents).toBe(one("select coalesce(sum(amount_cents),0) n from commitments where date <= ?", TODAY));
    expect(dash.budget.totals.planCents).toBe(one("select coalesce(sum(amount_cents),0) n from budget_lines"));
  });

  it("counts milestones like independent SQL", () => {
    // The cancelled milestone is no longer a commitment: it is not in the total (issue 11).
    expect(dash.milestones.total).toBe(one("select count(*) n from milestones where status <> 'cancelled'"));
    expect(dash.milestones.cancelled).toBe(one("select count(*) n from milestones where status = 'cancelled'"));
    expect(dash.milestones.cancelled).toBeGreaterThan(0);
    expect(dash.milestones.slipped).toBe(
      one("select count(*) n from milestones where status <> 'cancelled' and coalesce(actual_date, forecast_date) > baseline_date"),
    );
    expect(dash.milestones.slipped).toBeGreaterThan(0);
  });

  it("explains every non-green RAG with reasons that link to rows", () => {
    expect(dash.status.workstreams.length).toBeGreaterThanOrEqual(8);
    for (const w of dash.status.workstreams) {
      if (w.overall.rag !== "green") expect(w.overall.reasons.length, w.code).toBeGreaterThan(0);
      for (const r of w.overall.reasons) expect(r.href).toMatch(/^\/(milestones|workstreams|risks|budget|measures)/);
    }
    expect(dash.status.overall.rag).not.toBe("green");
  });

  it("gives the API the same rollup as the dashboard", async () => {
    const { user } = signedIn("executive");
    const { token } = makeApiToken(user.id, { scopes: ["program"] });
    const res = (await programApi(
      args(new Request(`http://localhost:3000/api/v1/program?asOf=${TODAY}`, { headers: { authorization: `Bearer ${token}` } })) as never,
    )) as Response;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.overall).toEqual(dash.status.overall);
    expect(body.workstreams).toEqual(JSON.parse(JSON.stringify(dash.status.workstreams)));
  });

  it("refuses the API without a valid token, and with a malformed asOf", async () => {
    const none = await settle(() => programApi(args(new Request("http://localhost:3000/api/v1/program")) as never));
    expect((none as Response).status).toBe(401);
    const { user } = signedIn("executive");
    const { token } = makeApiToken(user.id, { scopes: ["program"] });
    const bad = await settle(() =>
      programApi(args(new Request("http://localhost:3000/api/v1/program?asOf=yesterday", { headers: { authorization: `Bearer ${token}` } })) as never),
    );
    expect((bad as Response).status).toBe(400);
  });

  it("reproduces a past quarter with ?quarter= and refuses one outside the programme", async () => {
    const past = (await dashboardLoader(args(getRequest("/dashboard?quarter=FY2023-Q4", cookie)) as never)) as Dash;
    expect(past.period.asOf).toBe("2023-12-31");
    expect(past.budget.totals.actualCents).toBe(one("select coalesce(sum(amount_cents),0) n from actuals where date <= '2023-12-31'"));
    const bad = await settle(() => dashboardLoader(args(getRequest("/dashboard?quarter=FY2019-Q1", cookie)) as never));
    expect((bad as Response).status).toBe(400);
  });

  it("exports the workstream table as CSV with one row per workstream, and every table as XLSX", async () => {
    const csv = (await dashboardCsv(args(getRequest("/dashboard.csv?table=workstreams", cookie)) as never)) as Response;
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^code,name,schedule,cost,risk,staleness/);
    expect(lines.length - 1).toBe(dash.status.workstreams.length);
    const xlsx = (await dashboardXlsx(args(getRequest("/dashboard.xlsx", cookie)) as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Workstreams", "Budget", "Top risks", "Obligations", "CSF 2.0 profile"]);
    expect(one("select count(*) n from audit_events where action = 'dashboard.export'")).toBe(2);
  });

  it("exports the CSF 2.0 category profile as its coverage table, not the old function-level tiers", async () => {
    const csv = (await dashboardCsv(args(getRequest("/dashboard.csv?table=coverage", cookie)) as never)) as Response;
    const [header, ...rows] = (await csv.text()).trim().split("\n");
    expect(header).toBe("category,name,function,current_tier,target_tier,tier_gap,workstreams,open_risks,measures,no_work,no_measure");
    // The 22 categories of NIST CSF 2.0 in the framework's order, each once.
    expect(rows.map((r) => r.split(",")[0])).toEqual(CSF_CATEGORIES);
    for (const category of ["PR.AA", "RC.RP", "DE.CM"]) {
      const cells = rows.find((r) => r.startsWith(`${category},`))!.split(",");
      const [current, target, gap, ws, risks, measures, noWork, noMeasure] = cells.slice(-8).map((c) => c.trim());
      const tiers = db.$client.prepare("select current_tier c, target_tier t from csf_category_tiers where category = ?").get(category) as {
        c: number;
        t: number;
      };
      expect([current, target, gap], category).toEqual([String(tiers.c), String(tiers.t), String(tiers.t - tiers.c)]);
      const w = one(
        "select count(*) n from workstream_csf_categories l join workstreams w on w.id = l.workstream_id where l.category = ? and w.lifecycle_status <> 'cancelled'",
        category,
      );
      const r = one("select count(*) n from risk_csf_categories l join risks r on r.id = l.risk_id where l.category = ? and r.status <> 'closed'", category);
      const m = one("select count(*) n from measures where csf_category = ?", category);
      expect([ws, risks, measures], category).toEqual([String(w), String(r), String(m)]);
      expect([noWork, noMeasure], category).toEqual([w ? "no" : "yes", m ? "no" : "yes"]);
    }
    // The demo's open gap: no workstream owns recovery plans.
    expect(
      rows
        .find((r) => r.startsWith("RC.RP,"))!
        .split(",")
        .at(-2),
    ).toBe("yes");
  });
});

describe("workstream overview (API) on the demo data", () => {
  it("matches independent per-workstream queries", () => {
    const rows = workstreamOverview(db, TODAY);
    expect(rows.length).toBe(one("select count(*) n from workstreams"));
    for (const r of rows) {
      const q = (where: string) =>
        one(`select count(*) n from milestones m join workstreams w on w.id = m.workstream_id where w.code = ? and ${where}`, r.code);
      expect(r.milestonesDone, r.code).toBe(q("m.status = 'done'"));
      expect(r.milestonesOpen, r.code).toBe(q("m.status in ('not_started','in_progress')"));
      expect(r.milestonesSlipped, r.code).toBe(q("m.status <> 'cancelled' and coalesce(m.actual_date, m.forecast_date) > m.baseline_date"));
      expect(r.spendToDateCents, r.code).toBe(
        one(
          "select coalesce(sum(a.amount_cents),0) n from actuals a join workstreams w on w.id = a.workstream_id where w.code = ? and a.date <= ?",
          r.code,
          TODAY,
        ),
      );
    }
  });
});
