import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { program, workstreamCsfFunctions, workstreams } from "#db/schema";
import { db } from "~/db.server";
import { loader as detailLoader } from "~/routes/workstreams.$code._index";
import { action as editAction } from "~/routes/workstreams.$code.edit";
import { loader as listLoader } from "~/routes/workstreams._index";
import { action as createAction } from "~/routes/workstreams.new";
import { loader as csvLoader } from "~/routes/workstreams[.csv]";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { auditFor, makeActual, makeBudgetLine, makeCommitment, makeEngagement, makeRisk, makeStatusReport } from "#test/support/delivery-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { inDays } from "#test/support/today";

const status = (res: unknown) => (res instanceof Response ? res.status : 200);
const errorsOf = async (res: unknown) => ((await (res as Response).json()) as { result: { error: Record<string, string[]> } }).result.error;

beforeAll(() => {
  db.insert(program).values({ name: "Test programme", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
});

function form(overrides: Record<string, string | string[]> = {}) {
  return {
    name: "Credential hygiene",
    objective: "No stored credentials anywhere.",
    csfFunctions: ["protect", "identify"],
    startDate: "2022-01-01",
    endDate: "2026-12-31",
    lifecycleStatus: "active",
    ...overrides,
  };
}

describe("workstreams", () => {
  let ciso: ReturnType<typeof signedIn>;
  let lead: ReturnType<typeof signedIn>;
  beforeEach(() => {
    ciso = signedIn("ciso_office");
    lead = signedIn("workstream_lead");
  });

  it("creates a workstream with its CSF functions, audited", async () => {
    const res = await settle(() =>
      createAction(args(postRequest("/workstreams/new", form({ code: "ws-90", ownerId: String(lead.user.id) }), ciso.cookie)) as never),
    );
    expect(status(res)).toBe(302);
    const ws = db.select().from(workstreams).where(eq(workstreams.code, "WS-90")).get()!;
    expect(ws).toMatchObject({ name: "Credential hygiene", ownerId: lead.user.id, lifecycleStatus: "active" });
    expect(
      db
        .select()
        .from(workstreamCsfFunctions)
        .where(eq(workstreamCsfFunctions.workstreamId, ws.id))
        .all()
        .map((r) => r.csfFunction)
        .sort(),
    ).toEqual(["identify", "protect"]);
    expect(auditFor("workstream.create", ws.id)).toHaveLength(1);
  });

  it("refuses invalid input beside each field and stores nothing", async () => {
    const res = await settle(() =>
      createAction(
        args(postRequest("/workstreams/new", form({ code: "WS-91", endDate: "2021-01-01", csfFunctions: [], ragOverride: "red" }), ciso.cookie)) as never,
      ),
    );
    expect(status(res)).toBe(400);
    const errors = await errorsOf(res);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(["endDate", "csfFunctions", "ragOverrideReason", "ragOverrideExpiresOn"]));
    expect(db.select().from(workstreams).where(eq(workstreams.code, "WS-91")).get()).toBeUndefined();
  });

  it("is the CISO office's to create and edit, not a lead's", async () => {
    expect(status(await settle(() => createAction(args(postRequest("/workstreams/new", form({ code: "WS-92" }), lead.cookie)) as never)))).toBe(403);
    const ws = makeWorkstream({ ownerId: lead.user.id });
    const res = await settle(() =>
      editAction(args(postRequest(`/workstreams/${ws.code}/edit`, form({ version: "1" }), lead.cookie), { code: ws.code }) as never),
    );
    expect(status(res)).toBe(403);
  });

  it("edits with a manual RAG override, and refuses a stale version", async () => {
    const ws = makeWorkstream();
    const edit = (fields: Record<string, string | string[]>) =>
      settle(() => editAction(args(postRequest(`/workstreams/${ws.code}/edit`, form(fields), ciso.cookie), { code: ws.code }) as never));
    const ok = await edit({
      version: "1",
      ragOverride: "red",
      ragOverrideReason: "Board asked for escalation after the audit.",
      ragOverrideExpiresOn: inDays(30),
      csfFunctions: ["detect"],
    });
    expect(status(ok)).toBe(302);
    expect(db.select().from(workstreams).where(eq(workstreams.id, ws.id)).get()).toMatchObject({ ragOverride: "red", version: 2, name: "Credential hygiene" });
    expect(auditFor("workstream.update", ws.id)).toHaveLength(1);
    const stale = await edit({ version: "1", name: "Someone else's name" });
    expect(status(stale)).toBe(409);
    const body = (await (stale as Response).json()) as { conflict: { changes: Array<{ field: string }> } };
    expect(body.conflict.changes.map((c) => c.field)).toContain("name");
    expect(db.select().from(workstreams).where(eq(workstreams.id, ws.id)).get()!.name).toBe("Credential hygiene");
  });

  it("filters by lifecycle, CSF, owner and RAG, and the CSV has as many rows", async () => {
    const a = makeWorkstream({ ownerId: lead.user.id, lifecycleStatus: "on_hold" });
    db.insert(workstreamCsfFunctions).values({ workstreamId: a.id, csfFunction: "recover" }).run();
    makeStatusReport(a.id, { period: "2024-04", state: "submitted", ragOverall: "green" });
    makeStatusReport(a.id, { period: "2024-05", state: "submitted", ragOverall: "amber" });
    makeStatusReport(a.id, { period: "2024-06", state: "draft", ragOverall: "red" });
    const b = makeWorkstream({ ragOverride: "red", ragOverrideReason: "Escalated by the CISO", ragOverrideExpiresOn: inDays(10) });
    makeStatusReport(b.id, { period: "2024-05", state: "submitted", ragOverall: "green" });
    // Done, so its old report is not stale: with the override expired, the rollup is green.
    const expired = makeWorkstream({ lifecycleStatus: "done", ragOverride: "red", ragOverrideReason: "Old escalation", ragOverrideExpiresOn: inDays(-1) });
    makeStatusReport(expired.id, { period: "2024-05", state: "submitted", ragOverall: "green" });
    const load = async (qs: string) =>
      ((await listLoader(args(getRequest(`/workstreams${qs}`, ciso.cookie)) as never)) as { rows: Array<{ code: string; rag: string | null }> }).rows;
    // Other tests' workstreams share this database: look only at this test's three.
    const mine = new Set([a.code, b.code, expired.code]);
    const codes = async (qs: string) => (await load(qs)).map((r) => r.code).filter((c) => mine.has(c));
    expect(await codes("?lifecycle=on_hold")).toEqual([a.code]);
    expect(await codes("?csf=recover")).toEqual([a.code]);
    expect(await codes(`?owner=${lead.user.id}`)).toEqual([a.code]);
    expect(await codes("?rag=amber")).toEqual([a.code]);
    expect(await codes("?rag=red")).toEqual([b.code]);
    expect(await codes("?rag=green")).toEqual([expired.code]);
    for (const qs of ["", "?rag=red", "?lifecycle=on_hold", "?rag=bogus"]) {
      const res = (await csvLoader(args(getRequest(`/workstreams.csv${qs}`, ciso.cookie)) as never)) as Response;
      expect((parse(await res.text(), { columns: true }) as unknown[]).length, qs).toBe((await load(qs)).length);
    }
    expect(auditFor("workstream.export").length).toBe(4);
  });

  it("gathers milestones, reports, engagements, risks and money to date on the detail page", async () => {
    const ws = makeWorkstream({ ownerId: lead.user.id });
    makeMilestone(ws.id, { baselineDate: "2024-06-30", forecastDate: "2024-07-30" });
    makeStatusReport(ws.id, { period: "2024-04", state: "submitted", ragOverall: "green" });
    const r1 = makeStatusReport(ws.id, { period: "2024-05", state: "submitted", ragOverall: "amber" });
    makeStatusReport(ws.id, { period: "2024-05", revision: 2, supersedesId: r1.id, state: "submitted", ragOverall: "red", summary: "Corrected" });
    const engagement = makeEngagement({}, [ws.id]);
    const risk = makeRisk(ws.id);
    makeBudgetLine({ workstreamId: ws.id, fiscalYear: 2022, quarter: 1, amountCents: 500_000_00 });
    makeBudgetLine({ workstreamId: ws.id, fiscalYear: 2099, quarter: 1, amountCents: 700_000_00 });
    makeCommitment({ workstreamId: ws.id, amountCents: 300_000_00, date: "2022-02-01" });
    makeCommitment({ workstreamId: ws.id, amountCents: 1_00, date: inDays(5) });
    makeActual({ workstreamId: ws.id, amountCents: 123_456_78, date: "2022-03-01" });
    makeActual({ workstreamId: ws.id, amountCents: 9_99, date: inDays(5) });
    const data = (await detailLoader(args(getRequest(`/workstreams/${ws.code}`, signedIn("executive").cookie), { code: ws.code }) as never)) as {
      milestones: Array<{ slipDays: number }>;
      latestReport: { summary: string; revision: number };
      history: Array<{ period: string; ragOverall: string }>;
      engagements: Array<{ id: number }>;
      risks: Array<{ code: string }>;
      money: { planToDateCents: number; planTotalCents: number; committedCents: number; actualCents: number };
      ws: { rag: string };
    };
    expect(data.milestones.map((m) => m.slipDays)).toEqual([30]);
    expect(data.latestReport).toMatchObject({ summary: "Corrected", revision: 2 });
    expect(data.ws.rag).toBe("red");
    expect(data.history.map((h) => `${h.period}:${h.ragOverall}`)).toEqual(["2024-04:green", "2024-05:red"]);
    expect(data.engagements.map((e) => e.id)).toEqual([engagement.id]);
    expect(data.risks.map((r) => r.code)).toEqual([risk.code]);
    expect(data.money).toMatchObject({ planToDateCents: 500_000_00, planTotalCents: 1_200_000_00, committedCents: 300_000_00, actualCents: 123_456_78 });
  });

  it("answers 404 for an unknown code", async () => {
    expect(status(await settle(() => detailLoader(args(getRequest("/workstreams/WS-404", ciso.cookie), { code: "WS-404" }) as never)))).toBe(404);
  });
});
