import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { boardReports, milestoneForecastChanges, milestones, statusReports } from "#db/schema";
import { db } from "~/db.server";
import { action as boardAction } from "~/routes/board.$quarter";
import { action as milestoneAction, loader as milestoneLoader } from "~/routes/milestones.$id";
import { action as reportAction } from "~/routes/status-reports.$id";
import { action as newReportAction, loader as newReportLoader } from "~/routes/workstreams.$code.reports.new";
import { FACTS_END, FACTS_START, withFacts } from "~/status-reports/report-facts";
import { auditFor, makeStatusReport } from "#test/support/delivery-factories";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { ensureProgram } from "#test/support/risk-factories";
import { inDays, TODAY } from "#test/support/today";

const monthsBack = (n: number) => {
  const d = new Date(Date.parse(`${TODAY.slice(0, 7)}-15T00:00:00Z`));
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};
const post = async (fn: (a: never) => unknown, path: string, params: Record<string, string>, fields: Record<string, string | string[]>, cookie: string) =>
  (await settle(() => fn(args(postRequest(path, fields, cookie), params) as never))) as Response;
const content = {
  ragOverall: "green" as const,
  ragSchedule: "green" as const,
  ragCost: "green" as const,
  ragScope: "green" as const,
  ragRisk: "green" as const,
  summary: "On track; nothing to escalate this month.",
};

describe("the facts block of a monthly report", () => {
  it("replaces only the marked block and keeps the lead's text around it", () => {
    const old = `${FACTS_START}, 2026-10-31] Milestones done this month:\n- M-1 Old (done 2026-10-02)\n${FACTS_END}`;
    const text = `Intro by the lead.\n${old}\nMy own notes after.`;
    const fresh = `${FACTS_START}, 2026-11-30] Milestones done this month:\n- M-2 New (done 2026-11-20)\n${FACTS_END}`;
    expect(withFacts(text, fresh)).toBe(`Intro by the lead.\n${fresh}\nMy own notes after.`);
  });

  it("puts the block first when the text has none, and alone when the text is empty", () => {
    expect(withFacts("Lead text.", "FACTS")).toBe("FACTS\n\nLead text.");
    expect(withFacts("  ", "FACTS")).toBe("FACTS");
  });
});

describe("monthly report forms", () => {
  let lead: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  beforeAll(() => {
    ensureProgram();
    lead = signedIn("workstream_lead");
    ws = makeWorkstream({ ownerId: lead.user.id, startDate: "2024-01-01" });
    makeStatusReport(ws.id, { period: monthsBack(3), state: "submitted" });
  });

  it("opens on the month that is due, or the month a link asks for, with the milestones' facts pre-filled", async () => {
    makeMilestone(ws.id, { code: "F-OVERDUE", title: "Vault wave 2", baselineDate: inDays(-4), status: "in_progress" });
    const load = async (q: string) =>
      (await newReportLoader(args(getRequest(`/workstreams/${ws.code}/reports/new${q}`, lead.cookie), { code: ws.code }) as never)) as {
        month: string;
        prefill: { nextSteps: string };
      };
    expect((await load("")).month).toBe(monthsBack(2));
    expect((await load(`?month=${monthsBack(1)}`)).month).toBe(monthsBack(1));
    // A malformed month falls back to the due one rather than failing the page.
    expect((await load("?month=2024-13")).month).toBe(monthsBack(2));
    const current = await load(`?month=${TODAY.slice(0, 7)}`);
    expect(current.prefill.nextSteps).toContain("F-OVERDUE Vault wave 2 (overdue");
  });

  it("a duplicate month answers with a link to the existing draft, writing nothing", async () => {
    const draft = makeStatusReport(ws.id, { period: monthsBack(2), state: "draft" });
    const before = db.select().from(statusReports).where(eq(statusReports.workstreamId, ws.id)).all().length;
    const res = await post(newReportAction, `/workstreams/${ws.code}/reports/new`, { code: ws.code }, { period: monthsBack(2), ...content }, lead.cookie);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { existing: { id: number; state: string }; result: { error: Record<string, string[]> } };
    expect(body.existing).toMatchObject({ id: draft.id, state: "draft" });
    expect(body.result.error.period?.[0]).toMatch(/already exists/);
    expect(db.select().from(statusReports).where(eq(statusReports.workstreamId, ws.id)).all().length).toBe(before);
    const view = (await newReportLoader(args(getRequest(`/workstreams/${ws.code}/reports/new`, lead.cookie), { code: ws.code }) as never)) as {
      existing: { id: number } | null;
    };
    expect(view.existing?.id).toBe(draft.id);
  });

  it("a draft refreshes its facts after a re-forecast, keeping the lead's own text, audited", async () => {
    const m = makeMilestone(ws.id, { code: "F-MOVED", title: "Segmentation wave", baselineDate: inDays(10), status: "in_progress" });
    const draft = makeStatusReport(ws.id, {
      period: TODAY.slice(0, 7),
      state: "draft",
      ...content,
      nextSteps: `${FACTS_START}, ${TODAY}] Milestones overdue or due in the next 30 days:\n- F-MOVED Segmentation wave (due ${inDays(10)})\n${FACTS_END}\nChase the vendor.`,
    });
    // Re-forecast through the real action, so the history in force (what the figures read) moves too.
    const fresh = m;
    const res = await post(
      milestoneAction,
      `/milestones/${m.id}`,
      { id: String(m.id) },
      {
        intent: "update",
        version: String(fresh.version),
        title: fresh.title,
        description: "",
        forecastDate: inDays(20),
        actualDate: "",
        status: "in_progress",
        percentComplete: "10",
        weight: "1",
        forecastReason: "Change window moved by the network team.",
      },
      lead.cookie,
    );
    expect(res.status).toBe(302);
    const refreshed = await post(
      reportAction,
      `/status-reports/${draft.id}`,
      { id: String(draft.id) },
      { intent: "refresh_facts", version: String(draft.version) },
      lead.cookie,
    );
    expect(refreshed.status).toBe(302);
    const after = db.select().from(statusReports).where(eq(statusReports.id, draft.id)).get()!;
    expect(after.nextSteps).toContain(`F-MOVED Segmentation wave (due ${inDays(20)})`);
    expect(after.nextSteps).not.toContain(`(due ${inDays(10)})`);
    expect(after.nextSteps.endsWith("\nChase the vendor.")).toBe(true);
    expect(after.summary).toBe(content.summary);
    expect(auditFor("status_report.refresh_facts", draft.id)).toHaveLength(1);
  });
});

describe("a re-forecast", () => {
  let lead: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  beforeAll(() => {
    ensureProgram();
    lead = signedIn("workstream_lead");
    ws = makeWorkstream({ ownerId: lead.user.id });
  });
  const edit = (m: typeof milestones.$inferSelect, fields: Record<string, string | string[]>) =>
    post(
      milestoneAction,
      `/milestones/${m.id}`,
      { id: String(m.id) },
      {
        intent: "update",
        version: String(m.version),
        title: m.title,
        description: m.description,
        forecastDate: m.forecastDate ?? "",
        actualDate: "",
        status: m.status,
        percentComplete: String(m.percentComplete),
        weight: String(m.weight),
        ...fields,
      },
      lead.cookie,
    );

  it("without a reason is refused beside the field and changes nothing", async () => {
    const m = makeMilestone(ws.id, { baselineDate: inDays(30), forecastDate: inDays(30), status: "in_progress" });
    const res = await edit(m, { forecastDate: inDays(45), forecastReason: "late" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error.forecastReason?.[0]).toMatch(/say why/);
    expect(db.select().from(milestones).where(eq(milestones.id, m.id)).get()!.forecastDate).toBe(inDays(30));
    expect(db.select().from(milestoneForecastChanges).where(eq(milestoneForecastChanges.milestoneId, m.id)).all()).toEqual([]);
  });

  it("with a reason is kept in the forecast history the milestone page shows; other edits need none", async () => {
    const m = makeMilestone(ws.id, { baselineDate: inDays(30), status: "in_progress" });
    expect((await edit(m, { forecastDate: inDays(50), forecastReason: "Vendor firmware slipped two weeks." })).status).toBe(302);
    const saved = db.select().from(milestones).where(eq(milestones.id, m.id)).get()!;
    expect((await edit(saved, { title: "Renamed without moving the date" })).status).toBe(302);
    const history = db.select().from(milestoneForecastChanges).where(eq(milestoneForecastChanges.milestoneId, m.id)).all();
    expect(history).toEqual([
      expect.objectContaining({ previousDate: null, newDate: inDays(50), reason: "Vendor firmware slipped two weeks.", changedById: lead.user.id }),
    ]);
    const page = (await milestoneLoader(args(getRequest(`/milestones/${m.id}`, lead.cookie), { id: String(m.id) }) as never)) as {
      forecastHistory: Array<{ reason: string; changedBy: string }>;
    };
    expect(page.forecastHistory).toEqual([expect.objectContaining({ reason: "Vendor firmware slipped two weeks.", changedBy: lead.user.name })]);
  });

  it("keeps existing dependencies when another is added (the chips post every chosen value)", async () => {
    const a = makeMilestone(ws.id, {});
    const b = makeMilestone(ws.id, {});
    const c = makeMilestone(ws.id, {});
    const m = makeMilestone(ws.id, {});
    expect((await edit(m, { dependsOn: [String(a.id), String(b.id)] })).status).toBe(302);
    const v2 = db.select().from(milestones).where(eq(milestones.id, m.id)).get()!;
    expect((await edit(v2, { dependsOn: [String(a.id), String(b.id), String(c.id)] })).status).toBe(302);
    const page = (await milestoneLoader(args(getRequest(`/milestones/${m.id}`, lead.cookie), { id: String(m.id) }) as never)) as {
      dependsOn: Array<{ id: number }>;
    };
    expect(page.dependsOn.map((d) => d.id).sort((x, y) => x - y)).toEqual([a.id, b.id, c.id]);
  });
});

describe("the board narrative", () => {
  it("is saved before Submit for review, and stays saved when the submission is refused", async () => {
    ensureProgram();
    const ciso = signedIn("ciso_office");
    db.insert(boardReports).values({ quarter: "FY2025-Q1", asOfDate: "2025-03-31", state: "draft" }).run();
    const narrative = { intent: "edit", summary: "", highlights: "Typed, then submitted straight away.", concerns: "", decisions: "" };
    // An empty summary: the narrative is saved, the submission refused with its reason.
    const refused = await post(boardAction, "/board/FY2025-Q1", { quarter: "FY2025-Q1" }, { ...narrative, version: "1", then: "submit" }, ciso.cookie);
    // Board actions answer a refusal with Remix's data(): its status is in init.
    expect((refused as unknown as { init: { status: number } }).init.status).toBe(400);
    let row = db.select().from(boardReports).where(eq(boardReports.quarter, "FY2025-Q1")).get()!;
    expect(row).toMatchObject({ state: "draft", highlights: "Typed, then submitted straight away.", version: 2 });

    const res = await post(
      boardAction,
      "/board/FY2025-Q1",
      { quarter: "FY2025-Q1" },
      { ...narrative, summary: "Identity wave slipped a month.", version: "2", then: "submit" },
      ciso.cookie,
    );
    expect(res.status).toBe(302);
    row = db.select().from(boardReports).where(eq(boardReports.quarter, "FY2025-Q1")).get()!;
    expect(row).toMatchObject({ state: "in_review", summary: "Identity wave slipped a month." });
  });
});
