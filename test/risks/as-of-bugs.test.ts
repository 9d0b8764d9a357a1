import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { loader as risksApi } from "~/routes/api.v1.risks";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { action as importAction } from "~/routes/risks.import";
import { action as rescore } from "~/routes/risks.$code_.rescore";
import { makeUser, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle, testContext } from "#test/support/requests";
import { ensureProgram, makeAssessment, makeRisk } from "#test/support/risk-factories";
import { TODAY } from "#test/support/today";

/**
 * The risk bugs of issue 11, each reproduced through the view that showed it.
 * The register is small and dated: as of the end of FY2025 (2025-12-31) it
 * held R-801 (low then, critical since a 2026 re-score) and R-802 (closed);
 * R-803 was registered in 2026.
 */
const Q_END = "2025-12-31";
const sum = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0);

type ApiRisk = { code: string; currentScore: number; currentLevel: string; aboveAppetite: boolean };

async function api(path: string, token: string) {
  const res = (await risksApi({
    request: new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } }),
  } as never)) as Response;
  return (await res.json()) as { asOf: string; count: number; risks: ApiRisk[] };
}

describe("risk figures as of a past date (issue 11)", () => {
  let token: string;
  let exec: string;
  beforeAll(() => {
    ensureProgram({ riskAppetite: "medium", startFiscalYear: 2022 });
    token = makeApiToken(makeUser({ role: "executive" }).id).token;
    exec = signedIn("executive").cookie;
    const r1 = makeRisk({ code: "R-801", cl: 2, ci: 2, assessedOn: "2025-06-02" });
    makeAssessment(r1.id, { assessedOn: "2026-02-10", likelihood: 5, impact: 5 });
    makeRisk({ code: "R-802", cl: 4, ci: 5, assessedOn: "2025-03-03", status: "closed" });
    makeRisk({ code: "R-803", cl: 4, ci: 4, assessedOn: "2026-03-02" });
  });

  it("/api/v1/risks?asOf shows the scores of that date, not today's", async () => {
    const past = await api(`/api/v1/risks?asOf=${Q_END}`, token);
    expect(past.asOf).toBe(Q_END);
    const r1 = past.risks.find((r) => r.code === "R-801")!;
    expect(r1).toMatchObject({ currentScore: 4, currentLevel: "medium", aboveAppetite: false });
    const now = await api(`/api/v1/risks?asOf=${TODAY}`, token);
    expect(now.risks.find((r) => r.code === "R-801")).toMatchObject({ currentScore: 25, currentLevel: "critical", aboveAppetite: true });
  });

  it("does not count a risk created after the date", async () => {
    const past = await api(`/api/v1/risks?asOf=${Q_END}`, token);
    expect(past.risks.map((r) => r.code).sort()).toEqual(["R-801", "R-802"]);
    expect(past.count).toBe(2);
    expect(buildQuarterSnapshot(db, "FY2025-Q4", Q_END).risks.count).toBe(1);
  });

  it("/dashboard?quarter= shows that quarter's heat map and risks above appetite", async () => {
    const d = (await dashboardLoader(args(getRequest("/dashboard?quarter=FY2025-Q4", exec)) as never)) as {
      risks: { heatMap: number[][]; aboveAppetite: number };
    };
    expect(d.risks.heatMap[1]![1]).toBe(1);
    expect(d.risks.heatMap[4]![4]).toBe(0);
    expect(sum(d.risks.heatMap)).toBe(1);
    expect(d.risks.aboveAppetite).toBe(0);
  });

  it("leaves closed risks out of the dashboard heat map, as the board report does", async () => {
    const d = (await dashboardLoader(args(getRequest("/dashboard", exec)) as never)) as { risks: { heatMap: number[][]; aboveAppetite: number } };
    const board = buildQuarterSnapshot(db, "FY2026-Q4", TODAY).risks;
    expect(d.risks.heatMap[3]![4]).toBe(0);
    expect(sum(d.risks.heatMap)).toBe(board.count);
    expect(d.risks.aboveAppetite).toBe(board.aboveAppetite);
  });

  it("refuses an assessment dated before the programme began, beside the date field", async () => {
    const ciso = signedIn("ciso_office");
    const risk = makeRisk({ assessedOn: "2024-05-01" });
    const res = (await settle(() =>
      rescore(
        args(
          postRequest(
            `/risks/${risk.code}/rescore`,
            { version: "1", assessedOn: "2019-06-30", likelihood: "2", impact: "2", rationale: "Back-dated" },
            ciso.cookie,
          ),
          { code: risk.code },
        ) as never,
      ),
    )) as Response;
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.assessedOn).toEqual(["An assessment cannot be dated before the programme began (2022-01-01)."]);
  });

  it("refuses a CSV import whose assessment date is outside the programme, by line and column", async () => {
    const ciso = signedIn("ciso_office");
    const header =
      "code,title,description,category,owner_email,csf_function,inherent_likelihood,inherent_impact,current_likelihood,current_impact,target_likelihood,target_impact,treatment,status,next_review_date,workstreams,assessed_on";
    const text = `${header}\nR-870,Old,,Technology,,protect,4,4,3,3,2,2,mitigate,open,,,2019-12-31\nR-871,Future,,Technology,,protect,4,4,3,3,2,2,mitigate,open,,,2099-01-01\n`;
    const body = new FormData();
    body.set("file", new File([text], "risks.csv", { type: "text/csv" }));
    const request = new Request("http://localhost:3000/risks/import", {
      method: "POST",
      body,
      headers: { cookie: ciso.cookie, origin: "http://localhost:3000" },
    });
    const res = (await settle(() => importAction({ request, params: {}, context: testContext } as never))) as Response;
    expect(res.status).toBe(400);
    const errors = ((await res.json()) as { errors: Array<{ line: number; column: string; message: string }> }).errors;
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, "assessed_on"],
      [3, "assessed_on"],
    ]);
    expect(errors[1]!.message).toContain("after today");
  });
});
