import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { statusReports } from "#db/schema";
import { db } from "~/db.server";
import { action as reportAction } from "~/routes/status-reports.$id";
import { action as newReportAction } from "~/routes/workstreams.$code.reports.new";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { auditFor, makeStatusReport } from "#test/support/delivery-factories";
import { args, postRequest, settle } from "#test/support/requests";
import { makeProgram } from "#test/support/money-factories";
import { latestReports } from "~/figures/reports.server";
import { TODAY } from "#test/support/today";

const status = (res: unknown) => (res instanceof Response ? res.status : 200);
const reload = (id: number) => db.select().from(statusReports).where(eq(statusReports.id, id)).get()!;
const content = (overrides: Record<string, string> = {}) => ({
  ragOverall: "amber",
  ragSchedule: "amber",
  ragCost: "green",
  ragScope: "green",
  ragRisk: "red",
  summary: "Vault wave 2 is late because OSS firmware is not ready.",
  accomplishments: "Wave 1 complete.",
  nextSteps: "Escalate firmware with the vendor.",
  blockers: "OSS firmware.",
  asks: "CIO to chase the vendor.",
  ...overrides,
});

describe("status reports", () => {
  // Report months are checked against the programme's years (FY2022–FY2027, calendar fiscal years).
  beforeAll(() => makeProgram());
  let lead: ReturnType<typeof signedIn>;
  let ciso: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  let othersWs: ReturnType<typeof makeWorkstream>;
  beforeEach(() => {
    lead = signedIn("workstream_lead");
    ciso = signedIn("ciso_office");
    ws = makeWorkstream({ ownerId: lead.user.id });
    othersWs = makeWorkstream({ ownerId: signedIn("workstream_lead").user.id });
  });

  const create = (code: string, fields: Record<string, string>, cookie: string) =>
    settle(() => newReportAction(args(postRequest(`/workstreams/${code}/reports/new`, fields, cookie), { code }) as never));
  const act = (id: number, fields: Record<string, string>, cookie: string) =>
    settle(() => reportAction(args(postRequest(`/status-reports/${id}`, fields, cookie), { id: String(id) }) as never));

  it("refuses a month outside the programme or after the current month, beside the field, writing nothing", async () => {
    for (const period of ["2099-12", "0000-01", "2021-12"]) {
      const res = await create(ws.code, { period, ...content() }, lead.cookie);
      expect(status(res)).toBe(400);
      const { result } = (await (res as Response).json()) as { result: { error: Record<string, string[]> } };
      expect(result.error.period?.[0]).toMatch(/within the programme/);
    }
    const nextMonth = new Date(Date.parse(`${TODAY.slice(0, 7)}-01T00:00:00Z`) + 32 * 86_400_000).toISOString().slice(0, 7);
    if (nextMonth <= "2027-12") {
      const res = await create(ws.code, { period: nextMonth, ...content() }, lead.cookie);
      expect(((await (res as Response).json()) as { result: { error: Record<string, string[]> } }).result.error.period?.[0]).toMatch(/no later than/);
    }
    expect(db.select().from(statusReports).where(eq(statusReports.workstreamId, ws.id)).all()).toEqual([]);
  });

  it("never counts a report for a later month as the latest (one slipped in before validation)", () => {
    makeStatusReport(ws.id, { period: "2024-05", state: "submitted", submittedAt: "2024-06-02T10:00:00.000Z", ragOverall: "amber" });
    makeStatusReport(ws.id, { period: "2099-12", state: "submitted", submittedAt: "2024-06-03T10:00:00.000Z", ragOverall: "green" });
    expect(latestReports(db, TODAY).get(ws.id)).toMatchObject({ period: "2024-05", rag: "amber" });
  });

  it("a lead drafts their workstream's monthly report, audited", async () => {
    const res = await create(ws.code, { period: "2024-05", ...content() }, lead.cookie);
    expect(status(res)).toBe(302);
    const row = db.select().from(statusReports).where(eq(statusReports.workstreamId, ws.id)).get()!;
    expect(row).toMatchObject({ period: "2024-05", revision: 1, state: "draft", ragRisk: "red", authorId: lead.user.id });
    expect(auditFor("status_report.create", row.id)).toHaveLength(1);
  });

  it("refuses invalid input with field errors, a second report for the month, and another lead's workstream", async () => {
    const bad = await create(ws.code, { period: "2024-13", ...content({ ragOverall: "purple", summary: "" }) }, lead.cookie);
    expect(status(bad)).toBe(400);
    const { result } = (await (bad as Response).json()) as { result: { error: Record<string, string[]> } };
    expect(Object.keys(result.error)).toEqual(expect.arrayContaining(["period", "ragOverall", "summary"]));
    expect(db.select().from(statusReports).where(eq(statusReports.workstreamId, ws.id)).all()).toEqual([]);

    makeStatusReport(ws.id, { period: "2024-06" });
    const dup = await create(ws.code, { period: "2024-06", ...content() }, lead.cookie);
    expect(status(dup)).toBe(400);
    expect(db.select().from(statusReports).where(eq(statusReports.workstreamId, ws.id)).all()).toHaveLength(1);

    expect(status(await create(othersWs.code, { period: "2024-05", ...content() }, lead.cookie))).toBe(403);
    expect(status(await create(othersWs.code, { period: "2024-05", ...content() }, ciso.cookie))).toBe(302);
  });

  it("edits a draft, refuses a stale version, then submits it and it becomes immutable", async () => {
    const draft = makeStatusReport(ws.id, { period: "2024-07", authorId: lead.user.id });
    expect(status(await act(draft.id, { intent: "save", version: "1", ...content({ summary: "First pass at July's summary." }) }, lead.cookie))).toBe(302);
    expect(reload(draft.id)).toMatchObject({ summary: "First pass at July's summary.", version: 2, state: "draft" });
    expect(auditFor("status_report.update", draft.id)).toHaveLength(1);

    const stale = await act(draft.id, { intent: "save", version: "1", ...content({ summary: "Someone else's July summary." }) }, ciso.cookie);
    expect(status(stale)).toBe(409);
    expect(reload(draft.id).summary).toBe("First pass at July's summary.");

    expect(status(await act(draft.id, { intent: "submit", version: "2", ...content() }, lead.cookie))).toBe(302);
    const submitted = reload(draft.id);
    expect(submitted).toMatchObject({ state: "submitted", submittedById: lead.user.id, version: 3 });
    expect(submitted.submittedAt).toBeTruthy();
    expect(auditFor("status_report.submit", draft.id)).toHaveLength(1);

    const late = await act(draft.id, { intent: "save", version: "3", ...content({ summary: "Sneaky change after submission." }) }, ciso.cookie);
    expect(status(late)).toBe(400);
    expect(reload(draft.id)).toEqual(submitted);
  });

  it("forbids another lead from editing or correcting the report (403)", async () => {
    const draft = makeStatusReport(othersWs.id, { period: "2024-07" });
    expect(status(await act(draft.id, { intent: "save", version: "1", ...content() }, lead.cookie))).toBe(403);
    expect(status(await act(draft.id, { intent: "correct" }, lead.cookie))).toBe(403);
    expect(status(await act(draft.id, { intent: "save", version: "1", ...content() }, signedIn("executive").cookie))).toBe(403);
    expect(reload(draft.id).version).toBe(1);
  });

  it("corrects a submitted report as a new revision pointing to the one it replaces", async () => {
    const original = makeStatusReport(ws.id, { period: "2024-08", state: "submitted", ragOverall: "green", summary: "All fine in August." });
    const res = await act(original.id, { intent: "correct" }, lead.cookie);
    expect(status(res)).toBe(302);
    const correction = db.select().from(statusReports).where(eq(statusReports.supersedesId, original.id)).get()!;
    expect(correction).toMatchObject({ period: "2024-08", revision: 2, state: "draft", summary: "All fine in August.", authorId: lead.user.id });
    expect((res as Response).headers.get("Location")).toBe(`/status-reports/${correction.id}`);
    expect(reload(original.id)).toEqual(original);
    expect(auditFor("status_report.correct", correction.id)).toHaveLength(1);
    // Only the latest revision can be corrected, and a draft is edited rather than corrected.
    expect(status(await act(original.id, { intent: "correct" }, lead.cookie))).toBe(400);
    expect(status(await act(correction.id, { intent: "correct" }, lead.cookie))).toBe(400);
    expect(db.select().from(statusReports).where(eq(statusReports.period, "2024-08")).all()).toHaveLength(2);
  });
});
