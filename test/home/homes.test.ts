import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { boardReports, riskAcceptances } from "#db/schema";
import { db } from "~/db.server";
import { loader as inboxLoader } from "~/routes/inbox";
import { loader as myWorkLoader } from "~/routes/my-work";
import { loader as waitingLoader } from "~/routes/waiting";
import { loader as indexLoader } from "~/routes/_index";
import { action as decide, loader as decideLoader } from "~/routes/risks.$code_.acceptances.$id";
import { dueMonthOf } from "~/status-reports/report-due.server";
import { withHomeCounts } from "~/home/nav-counts.server";
import { navigationFor } from "~/components/navigation";
import { auditFor, makeStatusReport } from "#test/support/delivery-factories";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { ensureProgram, makeAcceptance, makeRisk } from "#test/support/risk-factories";
import { inDays, TODAY } from "#test/support/today";

const status = (res: unknown) => (res instanceof Response ? res.status : 200);
const monthsBack = (n: number) => {
  const d = new Date(Date.parse(`${TODAY.slice(0, 7)}-15T00:00:00Z`));
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};
type Home = Record<string, unknown>;
const load = async (fn: (a: never) => unknown, path: string, cookie: string) => (await settle(() => fn(args(getRequest(path, cookie)) as never))) as Home;

describe("the due month of a monthly report", () => {
  it("is the month after the last submitted one, never later than the current month", () => {
    expect(dueMonthOf({ lastSubmitted: "2026-09", startMonth: "2024-01" }, "2022-01", "2026-12")).toEqual({ month: "2026-10", overdue: true });
    expect(dueMonthOf({ lastSubmitted: "2026-11", startMonth: "2024-01" }, "2022-01", "2026-12")).toEqual({ month: "2026-12", overdue: false });
    expect(dueMonthOf({ lastSubmitted: "2026-12", startMonth: "2024-01" }, "2022-01", "2026-12")).toEqual({ month: "2026-12", overdue: false });
    // December rolls into January.
    expect(dueMonthOf({ lastSubmitted: "2025-12", startMonth: "2024-01" }, "2022-01", "2026-03")).toEqual({ month: "2026-01", overdue: true });
  });

  it("without any report, is the workstream's first month, not before the programme's", () => {
    expect(dueMonthOf({ lastSubmitted: null, startMonth: "2026-06" }, "2022-01", "2026-12").month).toBe("2026-06");
    expect(dueMonthOf({ lastSubmitted: null, startMonth: "2020-06" }, "2022-01", "2026-12").month).toBe("2022-01");
    expect(dueMonthOf({ lastSubmitted: null, startMonth: "2026-12" }, "2022-01", "2026-12")).toEqual({ month: "2026-12", overdue: false });
  });
});

describe("role homes", () => {
  let leadA: ReturnType<typeof signedIn>;
  let leadB: ReturnType<typeof signedIn>;
  let exec: ReturnType<typeof signedIn>;
  let ciso: ReturnType<typeof signedIn>;
  let wsA: ReturnType<typeof makeWorkstream>;
  let wsB: ReturnType<typeof makeWorkstream>;
  beforeAll(() => {
    ensureProgram({ riskAppetite: "medium" });
    leadA = signedIn("workstream_lead");
    leadB = signedIn("workstream_lead");
    exec = signedIn("executive");
    ciso = signedIn("ciso_office");
    wsA = makeWorkstream({ ownerId: leadA.user.id, startDate: "2024-01-01" });
    wsB = makeWorkstream({ ownerId: leadB.user.id, startDate: "2024-01-01" });
    // Lead A: one overdue, one due in ten days, one slipped (forecast after baseline, due in 60 days), one done.
    makeMilestone(wsA.id, { code: "A-OVERDUE", baselineDate: inDays(-5), status: "in_progress" });
    makeMilestone(wsA.id, { code: "A-SOON", baselineDate: inDays(10) });
    makeMilestone(wsA.id, { code: "A-SLIPPED", baselineDate: inDays(40), forecastDate: inDays(60), status: "in_progress" });
    makeMilestone(wsA.id, { code: "A-DONE", baselineDate: inDays(-20), status: "done", actualDate: inDays(-21), percentComplete: 100 });
    // Lead B: one overdue of their own.
    makeMilestone(wsB.id, { code: "B-OVERDUE", baselineDate: inDays(-3) });
    // A reported up to three months ago: the month after is due. B reported last month and has a draft for this one.
    makeStatusReport(wsA.id, { period: monthsBack(3), state: "submitted" });
    makeStatusReport(wsB.id, { period: monthsBack(1), state: "submitted" });
    makeStatusReport(wsB.id, { period: TODAY.slice(0, 7), state: "draft" });
  });

  it("sends each role to its home from /", async () => {
    const cases = [
      [leadA.cookie, "/my-work"],
      [exec.cookie, "/inbox"],
      [ciso.cookie, "/waiting"],
      [signedIn("board").cookie, "/board"],
      [signedIn("admin").cookie, "/dashboard"],
    ] as const;
    for (const [cookie, to] of cases) {
      const res = (await settle(() => indexLoader(args(getRequest("/", cookie)) as never))) as Response;
      expect(res.headers.get("location")).toBe(to);
    }
  });

  it("My work lists only the lead's own milestones, in the figures layer's overdue, due-soon and slipped", async () => {
    const a = (await load(myWorkLoader, "/my-work", leadA.cookie)) as {
      milestones: Record<"overdue" | "dueSoon" | "slipped", { total: number; rows: Array<{ code: string }> }>;
    };
    const codes = (k: "overdue" | "dueSoon" | "slipped") => a.milestones[k].rows.map((r) => r.code);
    expect(codes("overdue")).toEqual(["A-OVERDUE"]);
    expect(codes("dueSoon")).toEqual(["A-SOON"]);
    expect(codes("slipped")).toEqual(["A-SLIPPED"]);
    expect(a.milestones.overdue.total).toBe(1);

    const b = (await load(myWorkLoader, "/my-work", leadB.cookie)) as typeof a;
    expect(b.milestones.overdue.rows.map((r) => r.code)).toEqual(["B-OVERDUE"]);
    expect(b.milestones.dueSoon.total + b.milestones.slipped.total).toBe(0);
  });

  it("My work names the report due with its month, and links to a draft already started", async () => {
    const a = (await load(myWorkLoader, "/my-work", leadA.cookie)) as {
      reportsDue: Array<{ code: string; month: string; overdue: boolean; draftId: number | null }>;
    };
    expect(a.reportsDue).toEqual([expect.objectContaining({ code: wsA.code, month: monthsBack(2), overdue: true, draftId: null })]);
    const b = (await load(myWorkLoader, "/my-work", leadB.cookie)) as typeof a & { drafts: { total: number } };
    expect(b.reportsDue).toEqual([expect.objectContaining({ code: wsB.code, month: TODAY.slice(0, 7), overdue: false })]);
    expect(b.reportsDue[0]!.draftId).toEqual(expect.any(Number));
    expect(b.drafts.total).toBe(1);
  });

  it("each home refuses the roles it is not for", async () => {
    expect(status(await settle(() => myWorkLoader(args(getRequest("/my-work", exec.cookie)) as never)))).toBe(403);
    expect(status(await settle(() => myWorkLoader(args(getRequest("/my-work", ciso.cookie)) as never)))).toBe(403);
    expect(status(await settle(() => inboxLoader(args(getRequest("/inbox", leadA.cookie)) as never)))).toBe(403);
    expect(status(await settle(() => inboxLoader(args(getRequest("/inbox", signedIn("admin").cookie)) as never)))).toBe(403);
    expect(status(await settle(() => waitingLoader(args(getRequest("/waiting", exec.cookie)) as never)))).toBe(403);
    expect(status(await settle(() => waitingLoader(args(getRequest("/waiting", leadA.cookie)) as never)))).toBe(403);
  });

  it("the navigation counts what waits for each user, and the lead's count is their own", () => {
    const count = (u: ReturnType<typeof signedIn>, to: string) => withHomeCounts(db, u.user, navigationFor(u.user.role)).find((n) => n.to === to)?.count;
    // A: one overdue milestone and one report whose month has ended. B: one overdue milestone, report not yet due.
    expect(count(leadA, "/my-work")).toBe(2);
    expect(count(leadB, "/my-work")).toBe(1);
    // Only A's workstream owes a report for a month that has ended.
    expect(count(ciso, "/waiting")).toBe(1);
  });

  it("the CISO office sees the reports leads have not submitted, with the lead's name", async () => {
    const w = (await load(waitingLoader, "/waiting", ciso.cookie)) as {
      reports: { total: number; rows: Array<{ code: string; ownerName: string; month: string }> };
    };
    expect(w.reports.total).toBe(1);
    expect(w.reports.rows).toEqual([expect.objectContaining({ code: wsA.code, ownerName: leadA.user.name, month: monthsBack(2) })]);
  });

  describe("the executive's inbox", () => {
    it("lists pending acceptances and board reports in review, counted, and cuts lists at the limit", async () => {
      const before = (await load(inboxLoader, "/inbox", exec.cookie)) as { acceptances: { total: number } };
      const risks = Array.from({ length: 10 }, () => makeRisk({ cl: 5, ci: 5, workstreamIds: [wsA.id] }));
      for (const r of risks) makeAcceptance(r.id, { expiresOn: inDays(90) });
      makeAcceptance(risks[0]!.id, { state: "rejected", expiresOn: inDays(90) });
      db.insert(boardReports).values({ quarter: "FY2026-Q3", asOfDate: "2026-09-30", state: "in_review" }).run();
      const inbox = (await load(inboxLoader, "/inbox", exec.cookie)) as {
        acceptances: { total: number; rows: unknown[] };
        boardReports: { total: number; rows: Array<{ quarter: string }> };
      };
      expect(inbox.acceptances.total).toBe(before.acceptances.total + 10);
      expect(inbox.acceptances.rows.length).toBe(8);
      expect(inbox.boardReports.rows.map((r) => r.quarter)).toEqual(["FY2026-Q3"]);
      const all = (await load(inboxLoader, "/inbox?all=1", exec.cookie)) as typeof inbox;
      expect(all.acceptances.rows.length).toBe(inbox.acceptances.total);
      expect(withHomeCounts(db, exec.user, navigationFor("executive")).find((n) => n.to === "/inbox")?.count).toBe(inbox.acceptances.total + 1);
    });

    it("shows an approver the risk's score and the appetite, and refuses an approval without a note", async () => {
      const risk = makeRisk({ cl: 5, ci: 4, workstreamIds: [wsA.id] });
      const request = makeAcceptance(risk.id, { expiresOn: inDays(120) });
      const params = { code: risk.code, id: String(request.id) };
      const view = (await settle(() => decideLoader(args(getRequest(`/risks/${risk.code}/acceptances/${request.id}`, exec.cookie), params) as never))) as {
        risk: { currentScore: number; aboveAppetite: boolean };
        appetite: string;
      };
      expect(view.risk.currentScore).toBe(20);
      expect(view.appetite).toBe("medium");
      expect(view.risk.aboveAppetite).toBe(true);

      const path = `/risks/${risk.code}/acceptances/${request.id}?from=inbox`;
      for (const note of ["", "   ", "ok"]) {
        const res = (await settle(() =>
          decide(args(postRequest(path, { intent: "approve", version: "1", decisionNote: note }, exec.cookie), params) as never),
        )) as Response;
        expect(res.status, JSON.stringify(note)).toBe(400);
        const body = (await res.json()) as { result: { error: Record<string, string[]> } };
        expect(body.result.error.decisionNote?.[0]).toMatch(/note/i);
      }
      expect(db.select().from(riskAcceptances).where(eq(riskAcceptances.id, request.id)).get()!.state).toBe("requested");
      expect(auditFor("risk_acceptance.approve", request.id)).toHaveLength(0);

      const note = "Accepted until the HSM migration completes in Q2.";
      const res = (await settle(() =>
        decide(args(postRequest(path, { intent: "approve", version: "1", decisionNote: note }, exec.cookie), params) as never),
      )) as Response;
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/inbox");
      expect(db.select().from(riskAcceptances).where(eq(riskAcceptances.id, request.id)).get()).toMatchObject({ state: "approved", decisionNote: note });
      const [event] = auditFor("risk_acceptance.approve", request.id);
      expect(event?.actorId).toBe(exec.user.id);
      expect(JSON.stringify(event)).toContain("HSM migration");
    });
  });
});
