import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { loader } from "~/routes/risks._index";
import { riskTrend } from "~/figures/risks.server";
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
});
