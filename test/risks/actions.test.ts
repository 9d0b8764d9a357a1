import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, riskAcceptances, riskAssessments, risks } from "#db/schema";
import { db } from "~/db.server";
import { addDays } from "~/money/fiscal";
import { action as decide } from "~/routes/risks.$code_.acceptances.$id";
import { loader as detailLoader } from "~/routes/risks.$code";
import { action as requestAction } from "~/routes/risks.$code_.request-acceptance";
import { action as rescore } from "~/routes/risks.$code_.rescore";
import { todayIso } from "~/time/today.server";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { ensureProgram, makeAcceptance, makeAssessment, makeRisk } from "#test/support/risk-factories";

const today = todayIso();
const riskRow = (id: number) => db.select().from(risks).where(eq(risks.id, id)).get()!;
const audits = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action)).all();

async function post(fn: (a: never) => unknown, path: string, params: Record<string, string>, fields: Record<string, string>, cookie: string) {
  return (await settle(() => fn(args(postRequest(path, fields, cookie), params) as never))) as Response;
}

describe("re-scoring a risk", () => {
  let ciso: ReturnType<typeof signedIn>;
  beforeAll(() => {
    ensureProgram({ riskAppetite: "medium" });
    ciso = signedIn("ciso_office");
  });

  it("refuses a likelihood of 0 or 6 with a field error and changes nothing", async () => {
    const risk = makeRisk({ cl: 3, ci: 4 });
    for (const likelihood of ["0", "6"]) {
      const res = await post(
        rescore,
        `/risks/${risk.code}/rescore`,
        { code: risk.code },
        { version: "1", assessedOn: today, likelihood, impact: "3", rationale: "Testing" },
        ciso.cookie,
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.result.error.likelihood).toEqual(["The likelihood must be between 1 and 5."]);
      expect(body.result.error.impact).toBeUndefined();
    }
    const impact = await post(
      rescore,
      `/risks/${risk.code}/rescore`,
      { code: risk.code },
      { version: "1", assessedOn: today, likelihood: "2", impact: "6", rationale: "x" },
      ciso.cookie,
    );
    expect((await impact.json()).result.error.impact).toEqual(["The impact must be between 1 and 5."]);
    expect(riskRow(risk.id).currentLikelihood).toBe(3);
    expect(db.select().from(riskAssessments).where(eq(riskAssessments.riskId, risk.id)).all()).toHaveLength(1);
  });

  it("records a dated assessment, updates the current score and level, and audits it", async () => {
    const risk = makeRisk({ cl: 3, ci: 4 });
    const res = await post(
      rescore,
      `/risks/${risk.code}/rescore`,
      { code: risk.code },
      { version: "1", assessedOn: today, likelihood: "5", impact: "5", rationale: "Exposed router found again" },
      ciso.cookie,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/risks/${risk.code}`);
    const after = riskRow(risk.id);
    expect([after.currentLikelihood, after.currentImpact, after.currentLevel, after.version]).toEqual([5, 5, "critical", 2]);
    const latest = db.select().from(riskAssessments).where(eq(riskAssessments.riskId, risk.id)).all().at(-1)!;
    expect(latest).toMatchObject({ assessedOn: today, likelihood: 5, impact: 5, rationale: "Exposed router found again", assessedById: ciso.user.id });
    const event = audits("risk.rescore").find((e) => e.entityId === String(risk.id))!;
    expect(event.actorId).toBe(ciso.user.id);
    expect(JSON.parse(event.before!)).toMatchObject({ currentLikelihood: 3, currentImpact: 4 });
    expect(JSON.parse(event.after!)).toMatchObject({ currentLikelihood: 5, currentImpact: 5, currentLevel: "critical" });
  });

  it("keeps the latest assessment current when a back-dated one is added", async () => {
    const risk = makeRisk({ cl: 2, ci: 2, assessedOn: "2025-01-01" });
    const res = await post(
      rescore,
      `/risks/${risk.code}/rescore`,
      { code: risk.code },
      { version: "1", assessedOn: "2024-06-01", likelihood: "5", impact: "4", rationale: "Found in old notes" },
      ciso.cookie,
    );
    expect(res.status).toBe(302);
    expect([riskRow(risk.id).currentLikelihood, riskRow(risk.id).currentImpact]).toEqual([2, 2]);
  });

  it("refuses a future date and a stale version", async () => {
    const risk = makeRisk();
    const future = await post(
      rescore,
      `/risks/${risk.code}/rescore`,
      { code: risk.code },
      { version: "1", assessedOn: addDays(today, 1), likelihood: "2", impact: "2", rationale: "x" },
      ciso.cookie,
    );
    expect(future.status).toBe(400);
    expect((await future.json()).result.error.assessedOn).toBeDefined();
    db.update(risks).set({ version: 2 }).where(eq(risks.id, risk.id)).run();
    const stale = await post(
      rescore,
      `/risks/${risk.code}/rescore`,
      { code: risk.code },
      { version: "1", assessedOn: today, likelihood: "2", impact: "2", rationale: "x" },
      ciso.cookie,
    );
    expect(stale.status).toBe(409);
    // Nothing half-written: the assessment insert rolled back with the refused update.
    expect(db.select().from(riskAssessments).where(eq(riskAssessments.riskId, risk.id)).all()).toHaveLength(1);
  });

  it("lets a workstream lead re-score only the risks they own", async () => {
    const lead = signedIn("workstream_lead");
    const mine = makeRisk({ ownerId: lead.user.id });
    const theirs = makeRisk();
    const ok = await post(
      rescore,
      "",
      { code: mine.code },
      { version: "1", assessedOn: today, likelihood: "1", impact: "1", rationale: "Closed the gap" },
      lead.cookie,
    );
    expect(ok.status).toBe(302);
    const refused = await post(
      rescore,
      "",
      { code: theirs.code },
      { version: "1", assessedOn: today, likelihood: "1", impact: "1", rationale: "x" },
      lead.cookie,
    );
    expect(refused.status).toBe(403);
    const exec = signedIn("executive");
    expect(
      (await post(rescore, "", { code: theirs.code }, { version: "1", assessedOn: today, likelihood: "1", impact: "1", rationale: "x" }, exec.cookie)).status,
    ).toBe(403);
  });
});

describe("risk acceptances", () => {
  let ciso: ReturnType<typeof signedIn>;
  let exec: ReturnType<typeof signedIn>;
  beforeAll(() => {
    ensureProgram({ riskAppetite: "medium" });
    ciso = signedIn("ciso_office");
    exec = signedIn("executive");
  });

  const ask = (code: string, cookie: string, expiresOn = addDays(today, 180)) =>
    post(requestAction, "", { code }, { justification: "Compensating monitoring is in place until the migration.", expiresOn }, cookie);

  it("are requested only for risks above appetite", async () => {
    const low = makeRisk({ cl: 2, ci: 2 });
    const res = await ask(low.code, ciso.cookie);
    expect(res.status).toBe(400);
    expect((await res.json()).error[""]).toEqual(["Only a risk above the programme's appetite needs an acceptance."]);
    const past = await ask(makeRisk({ cl: 4, ci: 4 }).code, ciso.cookie, today);
    expect((await past.json()).error.expiresOn).toEqual(["The expiry must be after today."]);
  });

  it("are approved by an executive only; everyone else gets 403", async () => {
    const risk = makeRisk({ cl: 4, ci: 4 });
    expect((await ask(risk.code, ciso.cookie)).status).toBe(302);
    const request = db.select().from(riskAcceptances).where(eq(riskAcceptances.riskId, risk.id)).get()!;
    expect(request).toMatchObject({ state: "requested", requestedById: ciso.user.id });
    expect(audits("risk_acceptance.request").some((e) => e.entityId === String(request.id))).toBe(true);

    for (const role of ["admin", "ciso_office", "workstream_lead", "board"] as const) {
      const { cookie } = signedIn(role);
      const res = await post(decide, "", { code: risk.code, id: String(request.id) }, { intent: "approve", version: "1" }, cookie);
      expect(res.status, role).toBe(403);
    }
    expect(db.select().from(riskAcceptances).where(eq(riskAcceptances.id, request.id)).get()!.state).toBe("requested");

    const res = await post(
      decide,
      "",
      { code: risk.code, id: String(request.id) },
      { intent: "approve", version: "1", decisionNote: "Until the migration ends" },
      exec.cookie,
    );
    expect(res.status).toBe(302);
    const after = db.select().from(riskAcceptances).where(eq(riskAcceptances.id, request.id)).get()!;
    expect(after).toMatchObject({ state: "approved", decidedById: exec.user.id, decisionNote: "Until the migration ends", version: 2 });
    expect(audits("risk_acceptance.approve").some((e) => e.entityId === String(request.id) && e.actorId === exec.user.id)).toBe(true);

    // A decided request cannot be decided again from a stale page.
    const again = await post(decide, "", { code: risk.code, id: String(request.id) }, { intent: "reject", version: "1" }, exec.cookie);
    expect(again.status).toBe(409);
  });

  it("an approved acceptance past its expiry flags the risk on its page", async () => {
    const risk = makeRisk({ cl: 5, ci: 4 });
    makeAcceptance(risk.id, { state: "approved", expiresOn: addDays(today, -1), decidedById: exec.user.id });
    const data = (await detailLoader(args(getRequest(`/risks/${risk.code}`, exec.cookie), { code: risk.code }) as never)) as {
      risk: { acceptanceExpired: boolean; aboveAppetite: boolean };
      can: { decide: boolean; edit: boolean };
    };
    expect(data.risk.acceptanceExpired).toBe(true);
    expect(data.can).toMatchObject({ decide: true, edit: false });
  });
});

describe("risk page", () => {
  it("shows treatment progress and flags slipped treating milestones", async () => {
    ensureProgram();
    const ws = makeWorkstream();
    const done = makeMilestone(ws.id, { status: "done", percentComplete: 100, weight: 1, baselineDate: "2024-03-31", actualDate: "2024-03-30" });
    const late = makeMilestone(ws.id, { status: "in_progress", percentComplete: 40, weight: 3, baselineDate: "2024-06-30", forecastDate: "2024-09-30" });
    const cancelled = makeMilestone(ws.id, { status: "cancelled", percentComplete: 0, weight: 5, baselineDate: "2024-06-30" });
    const risk = makeRisk({ workstreamIds: [ws.id], milestoneIds: [done.id, late.id, cancelled.id] });
    makeAssessment(risk.id, { assessedOn: "2024-06-01", likelihood: 2, impact: 3 });
    const { cookie } = signedIn("executive");
    const data = (await detailLoader(args(getRequest(`/risks/${risk.code}`, cookie), { code: risk.code }) as never)) as {
      treatment: { milestones: number; percentComplete: number; slipped: number };
      linkedMilestones: Array<{ code: string; slipped: boolean }>;
      linkedWorkstreams: Array<{ code: string; percentComplete: number }>;
      assessments: unknown[];
    };
    // (100×1 + 40×3) / 4 = 55; the cancelled milestone treats nothing.
    expect(data.treatment).toEqual({ milestones: 2, percentComplete: 55, slipped: 1 });
    expect(data.linkedMilestones.find((m) => m.code === late.code)!.slipped).toBe(true);
    expect(data.linkedWorkstreams).toEqual([expect.objectContaining({ code: ws.code, percentComplete: 55 })]);
    expect(data.assessments).toHaveLength(2);
    const missing = await settle(() => detailLoader(args(getRequest("/risks/R-999", cookie), { code: "R-999" }) as never));
    expect((missing as Response).status).toBe(404);
  });
});
