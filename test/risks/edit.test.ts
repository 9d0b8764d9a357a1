import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, riskAssessments, riskMilestones, risks, riskWorkstreams } from "#db/schema";
import { db } from "~/db.server";
import { action as editAction } from "~/routes/risks.$code_.edit";
import { action as newAction } from "~/routes/risks.new";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args, postRequest, settle } from "#test/support/requests";
import { ensureProgram, makeRisk } from "#test/support/risk-factories";

const base = {
  title: "Test environment reachable from the internet",
  description: "The breach path of 2021.",
  category: "Network",
  csfFunction: "protect",
  inherentLikelihood: "5",
  inherentImpact: "5",
  targetLikelihood: "1",
  targetImpact: "4",
  treatment: "mitigate",
  status: "open",
  nextReviewDate: "2027-01-31",
};

async function post(fn: (a: never) => unknown, params: Record<string, string>, fields: Record<string, string | string[]>, cookie: string) {
  return (await settle(() => fn(args(postRequest("/risks/x", fields, cookie), params) as never))) as Response;
}

describe("creating and editing risks", () => {
  let ciso: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  beforeAll(() => {
    ensureProgram();
    ciso = signedIn("ciso_office");
    ws = makeWorkstream();
  });

  it("creates a risk with its first assessment and links, audited", async () => {
    const m = makeMilestone(ws.id);
    const res = await post(
      newAction,
      {},
      { ...base, code: "R-500", currentLikelihood: "4", currentImpact: "4", workstreamIds: String(ws.id), milestoneIds: [String(m.id)] },
      ciso.cookie,
    );
    expect(res.status).toBe(302);
    const risk = db.select().from(risks).where(eq(risks.code, "R-500")).get()!;
    expect([risk.inherentLevel, risk.currentLevel, risk.targetLevel]).toEqual(["critical", "high", "medium"]);
    expect(db.select().from(riskAssessments).where(eq(riskAssessments.riskId, risk.id)).all()).toHaveLength(1);
    expect(db.select().from(riskWorkstreams).where(eq(riskWorkstreams.riskId, risk.id)).all()).toHaveLength(1);
    expect(db.select().from(riskMilestones).where(eq(riskMilestones.riskId, risk.id)).all()).toHaveLength(1);
    expect(
      db
        .select()
        .from(auditEvents)
        .all()
        .some((e) => e.action === "risk.create" && e.entityId === String(risk.id)),
    ).toBe(true);
  });

  it("refuses a duplicate code, a bad score and an unknown workstream with field errors", async () => {
    const res = await post(newAction, {}, { ...base, code: "R-500", currentLikelihood: "4", currentImpact: "4" }, ciso.cookie);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toEqual(["That code is already used."]);
    const bad = await post(newAction, {}, { ...base, code: "R-501", currentLikelihood: "6", currentImpact: "0", workstreamIds: "99999" }, ciso.cookie);
    const body = await bad.json();
    expect(body.error.currentLikelihood).toEqual(["The current likelihood must be between 1 and 5."]);
    expect(body.error.currentImpact).toEqual(["The current impact must be between 1 and 5."]);
    const unknown = await post(newAction, {}, { ...base, code: "R-501", currentLikelihood: "2", currentImpact: "2", workstreamIds: "99999" }, ciso.cookie);
    expect((await unknown.json()).error.workstreamIds).toEqual(["Choose existing workstreams."]);
    expect(db.select().from(risks).where(eq(risks.code, "R-501")).get()).toBeUndefined();
  });

  it("refuses creation to a workstream lead", async () => {
    const lead = signedIn("workstream_lead");
    expect((await post(newAction, {}, { ...base, code: "R-502", currentLikelihood: "2", currentImpact: "2" }, lead.cookie)).status).toBe(403);
  });

  it("edits against the version seen, re-levels inherent and target, and refuses a stale version", async () => {
    const risk = makeRisk({ workstreamIds: [ws.id] });
    const res = await post(editAction, { code: risk.code }, { ...base, version: "1" }, ciso.cookie);
    expect(res.status).toBe(302);
    const after = db.select().from(risks).where(eq(risks.id, risk.id)).get()!;
    expect(after).toMatchObject({ title: base.title, inherentLevel: "critical", targetLevel: "medium", version: 2, currentLikelihood: risk.currentLikelihood });
    expect(db.select().from(riskWorkstreams).where(eq(riskWorkstreams.riskId, risk.id)).all()).toHaveLength(0);
    const stale = await post(editAction, { code: risk.code }, { ...base, title: "Other", version: "1" }, ciso.cookie);
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.conflict.changes.map((c: { field: string }) => c.field)).toContain("title");
    expect(body.version).toBe(2);
  });

  it("lets a lead edit their own risk without changing its owner", async () => {
    const lead = signedIn("workstream_lead");
    const other = signedIn("workstream_lead");
    const mine = makeRisk({ ownerId: lead.user.id });
    const res = await post(editAction, { code: mine.code }, { ...base, ownerId: String(other.user.id), version: "1" }, lead.cookie);
    expect(res.status).toBe(302);
    expect(db.select().from(risks).where(eq(risks.id, mine.id)).get()!.ownerId).toBe(lead.user.id);
    const theirs = makeRisk({ ownerId: other.user.id });
    expect((await post(editAction, { code: theirs.code }, { ...base, version: "1" }, lead.cookie)).status).toBe(403);
  });
});
