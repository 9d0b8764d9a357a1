import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { riskAssessments, risks } from "#db/schema";
import { RISK_LEVELS } from "#db/schema/enums";
import { db } from "~/db.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { riskHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { addDays } from "~/money/fiscal";
import { loader as risksApi } from "~/routes/api.v1.risks";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { loader as csvLoader } from "~/routes/risks[.csv]";
import { recordLinks } from "~/risks/link-history.server";
import { DEFAULT_RISK_MATRIX, levelFor } from "~/risks/matrix";
import { makeUser, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";
import { ensureProgram } from "#test/support/risk-factories";
import { TODAY } from "#test/support/today";

/**
 * On small random registers (risks registered, re-scored and closed on
 * random days), every view of the risk figures agrees for the same as-of
 * date, and the heat map's cells add up to the risks in scope: registered by
 * then and not closed then (counted here from the generated story, not by the
 * application's query).
 */
const Q_END = "2025-12-31";
const noon = (day: string) => `${day}T12:00:00.000Z`;

const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays("2024-01-01", n));
const score = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }));
const riskStory = fc.record({
  registered: day,
  first: score,
  rescores: fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), score), { maxLength: 3 }),
  closedAfter: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
  ws: fc.constantFrom(0, 1),
});
type Story = typeof riskStory extends fc.Arbitrary<infer T> ? T : never;

function writeRegister(stories: Story[], workstreamIds: number[]) {
  db.delete(risks).run();
  stories.forEach((s, n) => {
    const assessments = [[s.registered, s.first] as const, ...s.rescores.map(([after, sc]) => [addDays(s.registered, after), sc] as const)].filter(
      ([on]) => on <= TODAY,
    );
    const last = assessments.reduce((a, b) => (b[0] >= a[0] ? b : a))[1];
    const closedOn = s.closedAfter === null ? null : addDays(s.registered, s.closedAfter);
    const closed = closedOn !== null && closedOn <= TODAY;
    const row = db
      .insert(risks)
      .values({
        code: `R-${String(600 + n)}`,
        title: `Random ${n}`,
        category: "Technology",
        csfFunction: "protect",
        inherentLikelihood: s.first[0],
        inherentImpact: s.first[1],
        currentLikelihood: last[0],
        currentImpact: last[1],
        targetLikelihood: 1,
        targetImpact: 1,
        inherentLevel: levelFor(DEFAULT_RISK_MATRIX, s.first[0], s.first[1]),
        currentLevel: levelFor(DEFAULT_RISK_MATRIX, last[0], last[1]),
        targetLevel: "low",
        treatment: "mitigate",
        status: closed ? "closed" : "open",
      })
      .returning()
      .get();
    recordVersion(db, riskHistorySpec, row.id, { ...row, status: "open" }, noon(s.registered));
    if (closed) recordVersion(db, riskHistorySpec, row.id, row, noon(closedOn));
    recordLinks(db, row.id, { workstreamIds: [workstreamIds[s.ws]!] }, noon(s.registered));
    for (const [on, [l, i]] of assessments)
      db.insert(riskAssessments).values({ riskId: row.id, assessedOn: on, likelihood: l, impact: i, rationale: "Random" }).run();
  });
}

/** Risks registered by `asOf` and not closed by then, from the story alone. */
function inScope(stories: Story[], asOf: string) {
  return stories.filter((s) => s.registered <= asOf && !(s.closedAfter !== null && addDays(s.registered, s.closedAfter) <= asOf)).length;
}

type Row = { code: string; status: string; currentScore: number; currentLevel: string; aboveAppetite: boolean };
type Dash = { risks: { heatMap: number[][]; aboveAppetite: number; top: Row[]; expiredAcceptances: unknown[] } };

describe("risk figures across views (property)", () => {
  let token: string;
  let cookie: string;
  let workstreamIds: number[];
  beforeAll(() => {
    ensureProgram({ riskAppetite: "medium", startFiscalYear: 2022 });
    token = makeApiToken(makeUser({ role: "executive" }).id).token;
    cookie = signedIn("ciso_office").cookie;
    workstreamIds = [makeWorkstream().id, makeWorkstream().id];
  });

  it("agree between dashboard, API, CSV and board snapshot, and the heat map sums to the risks in scope", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(riskStory, { maxLength: 7 }), async (stories) => {
        writeRegister(stories, workstreamIds);
        for (const [asOf, quarter] of [
          [Q_END, "FY2025-Q4"],
          [TODAY, null],
        ] as const) {
          const dash = (await dashboardLoader(args(getRequest(quarter ? `/dashboard?quarter=${quarter}` : "/dashboard", cookie)) as never)) as Dash;
          const apiRes = (await risksApi({
            request: new Request(`http://localhost:3000/api/v1/risks?asOf=${asOf}`, { headers: { authorization: `Bearer ${token}` } }),
          } as never)) as Response;
          const api = ((await apiRes.json()) as { risks: Row[] }).risks.filter((r) => r.status !== "closed");
          const board = buildQuarterSnapshot(db, quarter ?? "FY2026-Q4", asOf).risks;
          const heat = dash.risks.heatMap.flat().reduce((a, b) => a + b, 0);

          expect(heat).toBe(inScope(stories, asOf));
          expect(board.count).toBe(heat);
          expect(api).toHaveLength(heat);
          expect(board.aboveAppetite).toBe(dash.risks.aboveAppetite);
          expect(api.filter((r) => r.aboveAppetite)).toHaveLength(board.aboveAppetite);
          expect(api.reduce((s, r) => s + r.currentScore, 0)).toBe(board.scoreSum);
          expect(Object.fromEntries(RISK_LEVELS.map((l) => [l, api.filter((r) => r.currentLevel === l).length]))).toEqual(board.byLevel);
          for (const t of dash.risks.top)
            expect(api.find((r) => r.code === t.code)).toMatchObject({ currentScore: t.currentScore, currentLevel: t.currentLevel });
          if (asOf === TODAY) {
            const csv = await ((await csvLoader(args(getRequest("/risks.csv", cookie)) as never)) as Response).text();
            const lines = csv.trim().split("\n").slice(1);
            const header = csv.split("\n")[0]!.split(",");
            const status = header.indexOf("status");
            const above = header.indexOf("above_appetite");
            const open = lines.map((l) => l.split(",")).filter((c) => c[status] !== "closed");
            expect(open).toHaveLength(heat);
            expect(open.filter((c) => c[above] === "yes")).toHaveLength(board.aboveAppetite);
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
