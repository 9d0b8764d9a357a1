import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { loader } from "~/routes/risks._index";
import { riskTrend } from "~/figures/risks.server";
import { getSettingAsOf } from "~/figures/settings.server";
import { getProgram, getSetting } from "~/settings/settings.server";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";
import { independentTrend } from "./trend-independent";

const TODAY = "2026-11-24";

describe("risk trend by quarter on the demo data", () => {
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
  });

  it("matches an independent SQL query at every quarter end", () => {
    const program = getProgram(db);
    const matrix = getSetting(db, "risk_matrix");
    const points = riskTrend(db, { asOf: TODAY, program });
    expect(points[0]!.quarter).toBe(`FY${program.startFiscalYear}-Q1`);
    expect(points.at(-1)!.asOf).toBe(TODAY);
    expect(points.length).toBeGreaterThanOrEqual(19);
    for (const p of points) {
      expect({ risks: p.risks, scoreSum: p.scoreSum, byLevel: p.byLevel }, p.quarter).toEqual(independentTrend(matrix, p.asOf));
    }
    // The demo tells a story: the programme's risk falls as the work lands.
    expect(points.at(-1)!.scoreSum).toBeLessThan(points[1]!.scoreSum);
    expect(points.at(-1)!.byLevel.critical).toBeLessThan(points[1]!.byLevel.critical);
  });

  it("agrees with the register's stored current scores of the risks not closed at the as-of day", async () => {
    const { cookie } = signedIn("executive");
    const page = (await loader(args(getRequest("/risks", cookie)) as never)) as Awaited<ReturnType<typeof loader>>;
    const last = page.trend.at(-1)!;
    const stored = db.$client.prepare("select count(*) n, sum(current_likelihood * current_impact) s from risks where status <> 'closed'").get() as {
      n: number;
      s: number;
    };
    const all = db.$client.prepare("select count(*) n from risks").get() as { n: number };
    expect(last.risks).toBe(stored.n);
    expect(last.scoreSum).toBe(stored.s);
    // The register lists closed risks too; figures leave them out.
    expect(page.rows).toHaveLength(all.n);
  });

  it("writes the history its story implies: current versions equal the live rows, closures and threshold changes dated in the story", () => {
    const mismatched = db.$client
      .prepare(
        `select r.code from risks r join risk_history h on h.risk_id = r.id and h.valid_to is null
         where h.status <> r.status or h.treatment <> r.treatment or coalesce(h.next_review_date, '') <> coalesce(r.next_review_date, '')
           or h.inherent_likelihood <> r.inherent_likelihood or h.target_impact <> r.target_impact`,
      )
      .all();
    expect(mismatched).toEqual([]);
    const unversioned = db.$client.prepare("select count(*) n from risks r where not exists (select 1 from risk_history h where h.risk_id = r.id)").get() as {
      n: number;
    };
    expect(unversioned.n).toBe(0);
    const closed = db.$client
      .prepare(
        "select count(*) n from risks r where r.status = 'closed' and exists (select 1 from risk_history h where h.risk_id = r.id and h.status <> 'closed')",
      )
      .get() as { n: number };
    const closedNow = db.$client.prepare("select count(*) n from risks where status = 'closed'").get() as { n: number };
    expect(closedNow.n).toBeGreaterThan(0);
    // Every closed risk was open first: its closure is a dated version, not the whole story.
    expect(closed.n).toBe(closedNow.n);
    const future = db.$client.prepare("select count(*) n from risk_history where valid_from > ?").get(`${TODAY}T23:59:59.999Z`) as { n: number };
    expect(future.n).toBe(0);
    expect(getSettingAsOf(db, "rag_thresholds", "2023-01-31").staleReportDays).toBe(45);
    expect(getSettingAsOf(db, "rag_thresholds", TODAY).staleReportDays).toBe(35);
  });
});
