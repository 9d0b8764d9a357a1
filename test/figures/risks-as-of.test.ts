import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { program, risks } from "#db/schema";
import { CSF_FUNCTIONS } from "#db/schema/enums";
import { db } from "~/db.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { expiredAcceptances, overdueReviews, riskHeatMap, riskRegister, risksAboveAppetite, riskSummary, topRisks } from "~/figures/risks.server";
import { fiscalQuarterOf, formatQuarter } from "~/money/fiscal";
import { loader as risksApi } from "~/routes/api.v1.risks";
import { createRisk, rescoreRisk, updateRisk } from "~/risks/mutations.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { saveRiskSettings } from "~/settings/risk-settings.server";
import { saveRollupSettings } from "~/settings/rollup-settings.server";
import { getSettingWithVersion } from "~/settings/settings.server";
import { makeMilestone, makeUser, makeWorkstream } from "#test/support/factories";
import { ensureProgram, makeAcceptance, makeRisk } from "#test/support/risk-factories";
import { inDays, TODAY } from "#test/support/today";

/**
 * A change made on day D+1 (today) never changes a figure as of D
 * (yesterday): every risk attribute kept in history, the links, a new risk, a
 * re-score, the thresholds, the matrix and the appetite, each made through the
 * function the application uses. Each change must also move today's figures,
 * so the test could fail.
 */
const D = inDays(-1);
const ctx = { actorId: null };

async function apiJson(asOf: string, token: string) {
  const res = (await risksApi({
    request: new Request(`http://localhost:3000/api/v1/risks?asOf=${asOf}`, { headers: { authorization: `Bearer ${token}` } }),
  } as never)) as Response;
  return res.json();
}

describe("risk figures as of D ignore changes made on D+1", () => {
  let token: string;
  let wsA: number;
  let wsB: number;
  const ids: Record<string, number> = {};

  async function figures(asOf: string) {
    const quarter = formatQuarter(fiscalQuarterOf(asOf, 1));
    const status = computeProgramStatus(db, asOf);
    const snapshot = buildQuarterSnapshot(db, quarter, asOf);
    return {
      register: riskRegister(db, { asOf }),
      byWorkstream: riskRegister(db, { asOf, workstreamId: wsA }).map((r) => r.code),
      current: riskHeatMap(db, { asOf, which: "current" }),
      inherent: riskHeatMap(db, { asOf, which: "inherent" }),
      summary: riskSummary(db, { asOf }),
      top: topRisks(db, { asOf, limit: 5 }).map((r) => r.code),
      above: risksAboveAppetite(db, { asOf }).map((r) => r.code),
      overdue: overdueReviews(db, { asOf }).map((r) => r.code),
      expired: expiredAcceptances(db, { asOf }),
      rag: status,
      api: await apiJson(asOf, token),
      board: { risks: snapshot.risks, appetite: snapshot.programme.riskAppetite, health: snapshot.health },
    };
  }

  const edit = (id: number, changes: Record<string, unknown>) => {
    const r = db.select().from(risks).where(eq(risks.id, id)).get()!;
    const links = riskRegister(db, { asOf: TODAY }).find((x) => x.id === id)!.workstreamCodes;
    updateRisk(db, ctx, id, {
      title: r.title,
      description: r.description,
      category: r.category,
      ownerId: r.ownerId ?? undefined,
      csfFunction: r.csfFunction,
      inherentLikelihood: r.inherentLikelihood,
      inherentImpact: r.inherentImpact,
      targetLikelihood: r.targetLikelihood,
      targetImpact: r.targetImpact,
      treatment: r.treatment,
      status: r.status,
      nextReviewDate: r.nextReviewDate ?? undefined,
      workstreamIds: links.map((c) => (c === "WS-AA" ? wsA : wsB)),
      milestoneIds: [],
      version: r.version,
      ...changes,
    } as never);
  };

  let asOfD: Awaited<ReturnType<typeof figures>>;
  let today: Awaited<ReturnType<typeof figures>>;

  beforeAll(async () => {
    ensureProgram({ riskAppetite: "medium", startFiscalYear: 2022 });
    token = makeApiToken(makeUser({ role: "executive" }).id).token;
    wsA = makeWorkstream({ code: "WS-AA" }).id;
    wsB = makeWorkstream({ code: "WS-BB" }).id;
    // Slips 20 days: amber under the default thresholds (amber beyond 14 days).
    makeMilestone(wsA, { baselineDate: "2024-06-30", forecastDate: "2024-07-20", criticalPath: false });
    const base = { assessedOn: "2025-05-01", workstreamIds: [wsA] };
    ids.close = makeRisk({ ...base, code: "R-701", cl: 4, ci: 4, nextReviewDate: inDays(30) }).id;
    ids.treat = makeRisk({ ...base, code: "R-702", cl: 3, ci: 3 }).id;
    ids.link = makeRisk({ ...base, code: "R-703", cl: 4, ci: 5 }).id;
    ids.rescore = makeRisk({ ...base, code: "R-704", cl: 2, ci: 2 }).id;
    ids.owner = makeRisk({ ...base, code: "R-705", cl: 1, ci: 2 }).id;
    ids.review = makeRisk({ ...base, code: "R-706", cl: 2, ci: 3, nextReviewDate: inDays(20) }).id;
    makeAcceptance(ids.close, { state: "approved", expiresOn: inDays(-30), requestedAt: "2025-06-01T12:00:00.000Z" });
    asOfD = await figures(D);
    today = await figures(TODAY);
  });

  async function expectOnlyTodayMoved(part: keyof Awaited<ReturnType<typeof figures>>) {
    expect(await figures(D)).toEqual(asOfD);
    const now = await figures(TODAY);
    expect(now[part]).not.toEqual(today[part]);
    today = now;
  }

  it("closing a risk", async () => {
    edit(ids.close!, { status: "closed" });
    await expectOnlyTodayMoved("summary");
  });

  it("changing a risk's treatment", async () => {
    edit(ids.treat!, { treatment: "accept" });
    await expectOnlyTodayMoved("register");
  });

  it("changing its owner, CSF function, inherent and target scores", async () => {
    edit(ids.owner!, {
      ownerId: makeUser().id,
      csfFunction: CSF_FUNCTIONS.find((f) => f !== "protect"),
      inherentLikelihood: 5,
      inherentImpact: 5,
      targetLikelihood: 1,
    });
    await expectOnlyTodayMoved("inherent");
  });

  it("moving a review date into the past", async () => {
    edit(ids.review!, { nextReviewDate: inDays(-3) });
    await expectOnlyTodayMoved("overdue");
  });

  it("re-linking a risk to another workstream", async () => {
    edit(ids.link!, { workstreamIds: [wsB] });
    await expectOnlyTodayMoved("byWorkstream");
  });

  it("registering a new risk", async () => {
    createRisk(
      db,
      ctx,
      {
        code: "R-799",
        title: "New today",
        description: "",
        category: "Technology",
        csfFunction: "detect",
        inherentLikelihood: 5,
        inherentImpact: 5,
        currentLikelihood: 5,
        currentImpact: 4,
        targetLikelihood: 2,
        targetImpact: 2,
        treatment: "mitigate",
        status: "open",
        workstreamIds: [wsA],
        milestoneIds: [],
      },
      TODAY,
    );
    await expectOnlyTodayMoved("summary");
  });

  it("re-scoring a risk with an assessment dated D+1", async () => {
    const version = db.select().from(risks).where(eq(risks.id, ids.rescore!)).get()!.version;
    rescoreRisk(db, ctx, ids.rescore!, { version, assessedOn: TODAY, likelihood: 5, impact: 5, rationale: "Worse" });
    await expectOnlyTodayMoved("current");
  });

  it("changing the RAG thresholds", async () => {
    const t = getSettingWithVersion(db, "rag_thresholds");
    saveRollupSettings(db, ctx, { ...t.value, scheduleAmberSlipDays: 30, scheduleRedSlipDays: 60, thresholdsVersion: t.version });
    await expectOnlyTodayMoved("rag");
  });

  it("changing the risk matrix", async () => {
    const m = getSettingWithVersion(db, "risk_matrix");
    const p = db.select().from(program).get()!;
    saveRiskSettings(db, ctx, {
      matrix: { ...m.value, cells: m.value.cells.map((row) => row.map(() => "critical" as const)) },
      matrixVersion: m.version,
      appetite: p.riskAppetite,
      programVersion: p.version,
    });
    await expectOnlyTodayMoved("summary");
  });

  it("changing the programme's risk appetite", async () => {
    const m = getSettingWithVersion(db, "risk_matrix");
    const p = db.select().from(program).get()!;
    saveRiskSettings(db, ctx, {
      matrix: { ...m.value, cells: m.value.cells.map((row) => row.map(() => "high" as const)) },
      matrixVersion: m.version,
      appetite: "high",
      programVersion: p.version,
    });
    await expectOnlyTodayMoved("board");
    expect(asOfD.board.appetite).toBe("medium");
  });
});
