import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { db } from "~/db.server";
import { DEFAULT_RISK_MATRIX } from "~/risks/matrix";
import * as settingsPage from "~/routes/admin.settings";
import * as budgetPlan from "~/routes/budget.plan";
import * as engagementPage from "~/routes/engagements.$id._index";
import * as engagementEdit from "~/routes/engagements.$id.edit";
import * as engagementNew from "~/routes/engagements.new";
import * as milestonePage from "~/routes/milestones.$id";
import * as milestoneNew from "~/routes/milestones.new";
import * as acceptancePage from "~/routes/risks.$code_.acceptances.$id";
import * as riskEdit from "~/routes/risks.$code_.edit";
import * as riskNew from "~/routes/risks.new";
import * as workstreamEdit from "~/routes/workstreams.$code.edit";
import * as workstreamNew from "~/routes/workstreams.new";
import { outcome } from "#test/admin/outcome";
import { makeEngagement, makeVendor } from "#test/support/money-factories";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args, postRequest } from "#test/support/requests";
import { ensureProgram, makeRisk } from "#test/support/risk-factories";

/**
 * Finding 9: made-up ids of other rows (a select's value edited by hand)
 * must be answered with a message (a field error, 400 or 404), never with
 * the 500 of a failed foreign key, and must write nothing.
 */

const MISSING = "999999";
type Fields = Record<string, string | string[]>;
type Action = (a: ReturnType<typeof args>) => unknown;

let cookie: string;
let ws: ReturnType<typeof makeWorkstream>;
let milestone: ReturnType<typeof makeMilestone>;
let vendor: ReturnType<typeof makeVendor>;
let engagement: ReturnType<typeof makeEngagement>;

const audits = () => db.select({ n: count() }).from(auditEvents).get()!.n;

async function refusedWithMessage(action: Action, path: string, fields: Fields, params: Record<string, string> = {}) {
  const before = audits();
  const res = await outcome(() => action(args(postRequest(path, fields, cookie), params)));
  expect([400, 404], `${path} ${JSON.stringify(fields).slice(0, 200)} → ${res.status}`).toContain(res.status);
  expect(JSON.stringify(res.body).length).toBeGreaterThan(2);
  expect(audits()).toBe(before);
  return res;
}

/** The field errors of a conform reply, however the route wraps it. */
function fieldErrorsOf(body: unknown): Record<string, unknown> {
  const b = body as { result?: { error?: Record<string, unknown> }; error?: Record<string, unknown> };
  return b.result?.error ?? b.error ?? {};
}

beforeAll(() => {
  ensureProgram();
  cookie = signedIn("ciso_office").cookie;
  ws = makeWorkstream();
  milestone = makeMilestone(ws.id);
  vendor = makeVendor();
  engagement = makeEngagement(vendor.id);
});

const workstreamFields = (over: Fields = {}): Fields => ({
  name: "Identity hardening",
  csfFunctions: ["protect"],
  startDate: "2024-01-01",
  endDate: "2025-12-31",
  lifecycleStatus: "active",
  ...over,
});

describe("workstream forms", () => {
  it.each([["ownerId"], ["sponsorId"]])("answer a made-up %s with a field error", async (field) => {
    const created = await refusedWithMessage(workstreamNew.action as Action, "/workstreams/new", workstreamFields({ code: "WS-90", [field]: MISSING }));
    expect(fieldErrorsOf(created.body)).toHaveProperty(field);
    const edited = await refusedWithMessage(
      workstreamEdit.action as Action,
      `/workstreams/${ws.code}/edit`,
      workstreamFields({ version: String(ws.version), [field]: "1000" }),
      { code: ws.code },
    );
    expect(fieldErrorsOf(edited.body)).toHaveProperty(field);
  });
});

describe("milestone forms", () => {
  const fields = (over: Fields = {}): Fields => ({ title: "Roll out MFA", status: "not_started", percentComplete: "0", weight: "1", ...over });

  it("answers a made-up workstreamId (the reported workstreamId=16) with a field error", async () => {
    const res = await refusedWithMessage(
      milestoneNew.action as Action,
      "/milestones/new",
      fields({ workstreamId: "16", code: "M-90", baselineDate: "2025-03-31" }),
    );
    expect(fieldErrorsOf(res.body)).toHaveProperty("workstreamId");
  });

  it("answers a made-up dependency with a field error", async () => {
    const res = await refusedWithMessage(
      milestonePage.action as Action,
      `/milestones/${milestone.id}`,
      fields({ intent: "update", version: String(milestone.version), "dependsOn[0]": MISSING }),
      { id: String(milestone.id) },
    );
    expect(fieldErrorsOf(res.body)).toHaveProperty("dependsOn");
  });
});

describe("engagement forms", () => {
  const fields = (over: Fields = {}): Fields => ({
    vendorId: String(vendor.id),
    title: "Forensic retainer",
    kind: "advisory",
    sowReference: `SOW-${Math.random().toString(36).slice(2, 8)}`,
    startDate: "2024-01-01",
    endDate: "2024-12-31",
    contractValueCents: "1,000.00",
    status: "active",
    ...over,
  });

  it.each([
    ["vendorId", { vendorId: MISSING }],
    ["relationshipOwnerId", { relationshipOwnerId: "1000" }],
    ["workstreamIds", { "workstreamIds[0]": MISSING }],
  ])("answer a made-up %s with a field error, on create and on edit", async (field, over) => {
    const created = await refusedWithMessage(engagementNew.action as Action, "/engagements/new", fields(over));
    expect(fieldErrorsOf(created.body)).toHaveProperty(field);
    const edited = await refusedWithMessage(
      engagementEdit.action as Action,
      `/engagements/${engagement.id}/edit`,
      fields({ ...over, version: String(engagement.version), sowReference: engagement.sowReference }),
      { id: String(engagement.id) },
    );
    expect(fieldErrorsOf(edited.body)).toHaveProperty(field);
  });

  it("answers a made-up deliverable milestone with a field error and a made-up deliverable with 404", async () => {
    const deliverable = { title: "Final report", dueDate: "2024-06-30", status: "pending" };
    const path = `/engagements/${engagement.id}`;
    const params = { id: String(engagement.id) };
    const added = await refusedWithMessage(engagementPage.action as Action, path, { intent: "add-deliverable", ...deliverable, milestoneId: MISSING }, params);
    expect(fieldErrorsOf(added.body)).toHaveProperty("milestoneId");
    const edited = await refusedWithMessage(
      engagementPage.action as Action,
      path,
      { intent: "edit-deliverable", deliverableId: MISSING, version: "1", ...deliverable },
      params,
    );
    expect(edited.status).toBe(404);
  });
});

describe("risk forms", () => {
  const fields = (over: Fields = {}): Fields => ({
    title: "Stale admin accounts",
    category: "Identity",
    csfFunction: "protect",
    inherentLikelihood: "4",
    inherentImpact: "4",
    targetLikelihood: "2",
    targetImpact: "2",
    treatment: "mitigate",
    status: "open",
    ...over,
  });

  it.each([
    ["ownerId", { ownerId: "1000" }],
    ["workstreamIds", { "workstreamIds[0]": MISSING }],
    ["milestoneIds", { "milestoneIds[0]": MISSING }],
  ])("answer a made-up %s with a field error, on create and on edit", async (field, over) => {
    const created = await refusedWithMessage(
      riskNew.action as Action,
      "/risks/new",
      fields({ ...over, code: "R-901", currentLikelihood: "3", currentImpact: "3" }),
    );
    expect(fieldErrorsOf(created.body)).toHaveProperty(field);
    // One code per case: a random one collided between cases now and then.
    const risk = makeRisk({ code: `R-${810 + ["ownerId", "workstreamIds", "milestoneIds"].indexOf(field)}` });
    const edited = await refusedWithMessage(riskEdit.action as Action, `/risks/${risk.code}/edit`, fields({ ...over, version: String(risk.version) }), {
      code: risk.code,
    });
    expect(fieldErrorsOf(edited.body)).toHaveProperty(field);
  });

  it("answers a made-up acceptance id with 404", async () => {
    const risk = makeRisk({ code: "R-950" });
    cookie = signedIn("executive").cookie;
    await refusedWithMessage(
      acceptancePage.action as Action,
      `/risks/${risk.code}/acceptances/${MISSING}`,
      { intent: "approve", version: "1" },
      {
        code: risk.code,
        id: MISSING,
      },
    );
    cookie = signedIn("ciso_office").cookie;
  });
});

describe("budget plan", () => {
  const base = () => ({ ws: ws.code, fy: "2024" });

  it("answers a made-up engagement in the new row with a message", async () => {
    await refusedWithMessage(budgetPlan.action as Action, "/budget/plan", {
      ...base(),
      "newRow.costClass": "opex",
      "newRow.category": "vendor",
      "newRow.engagementId": MISSING,
      "newRow.q1": "1000",
    });
  });

  it("answers a made-up engagement or plan line in a cell with a message", async () => {
    const cell = { "cells[0].quarter": "1", "cells[0].costClass": "opex", "cells[0].category": "vendor", "cells[0].original": "0", "cells[0].amount": "500" };
    await refusedWithMessage(budgetPlan.action as Action, "/budget/plan", { ...base(), ...cell, "cells[0].engagementId": MISSING });
    await refusedWithMessage(budgetPlan.action as Action, "/budget/plan", { ...base(), ...cell, "cells[0].id": MISSING, "cells[0].version": "1" });
  });
});

describe("risk-matrix settings", () => {
  it("answers a form missing impactLabels[4] with a field error", async () => {
    const admin = signedIn("admin").cookie;
    const fields: Fields = { intent: "risk-matrix", matrixVersion: "0", programVersion: "1", appetite: "medium", "cells[2]": "high" };
    DEFAULT_RISK_MATRIX.likelihoodLabels.forEach((v, i) => (fields[`likelihoodLabels[${i}]`] = v));
    DEFAULT_RISK_MATRIX.impactLabels.slice(0, 4).forEach((v, i) => (fields[`impactLabels[${i}]`] = v));
    DEFAULT_RISK_MATRIX.cells.forEach((row, l) => row.forEach((v, i) => (fields[`cells[${l}][${i}]`] = v)));
    for (const [k, v] of Object.entries(DEFAULT_RISK_MATRIX.colours)) fields[`colours.${k}`] = v;
    const before = audits();
    const res = await outcome(() => settingsPage.action(args(postRequest("/admin/settings", fields, admin)) as never));
    expect(res.status).toBe(400);
    expect(JSON.stringify(fieldErrorsOf(res.body))).toContain("impactLabels");
    expect(audits()).toBe(before);
    // The section renders one input per step from the reply: it must still hold five of each.
    const sent = (res.body as { result: { initialValue: { impactLabels: unknown[]; likelihoodLabels: unknown[]; cells: unknown[][] } } }).result.initialValue;
    expect(sent.impactLabels).toEqual([...DEFAULT_RISK_MATRIX.impactLabels.slice(0, 4), ""]);
    expect(sent.likelihoodLabels).toHaveLength(5);
    expect(sent.cells.map((row) => row.length)).toEqual([5, 5, 5, 5, 5]);
  });
});
