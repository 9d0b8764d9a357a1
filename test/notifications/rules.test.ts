import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { boardReports, milestones, notificationPreferences, notifications, outbox, settingHistory, statusReports } from "#db/schema";
import { db } from "~/db.server";
import { runRules } from "~/notifications/engine.server";
import { queueDigests } from "~/notifications/digests.server";
import { startNotificationSchedule } from "~/notifications/schedule.server";
import { action as centreAction, loader as centreLoader } from "~/routes/notifications._index";
import { loader as openLoader } from "~/routes/notifications.$id";
import { action as settingsAction } from "~/routes/admin.settings";
import { makeMilestone, makeWorkstream, signedIn } from "../support/factories";
import { makeAcceptance, makeRisk, ensureProgram } from "../support/risk-factories";
import { args, getRequest, postRequest, settle } from "../support/requests";
import { TODAY, inDays } from "../support/today";
import { monthOf } from "~/notifications/rules/month";
import { milestoneHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";

const ORIGIN = "https://rampart.test";
const run = (now = new Date()) => runRules(db, { now, today: TODAY, email: true, origin: ORIGIN });

let lead: ReturnType<typeof signedIn>;
let ciso: ReturnType<typeof signedIn>;
let exec: ReturnType<typeof signedIn>;
let board: ReturnType<typeof signedIn>;
let admin: ReturnType<typeof signedIn>;
let ws: ReturnType<typeof makeWorkstream>;
let boardWs: ReturnType<typeof makeWorkstream>;
let milestone: ReturnType<typeof makeMilestone>;

const openFor = (userId: number) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.resolvedAt)))
    .all();

async function centre(cookie: string) {
  const res = await settle(() => centreLoader(args(getRequest("/notifications", cookie)) as never));
  if (res instanceof Response) throw new Error(`loader answered ${res.status}`);
  return res;
}

beforeAll(() => {
  ensureProgram();
  lead = signedIn("workstream_lead");
  ciso = signedIn("ciso_office");
  exec = signedIn("executive");
  board = signedIn("board");
  admin = signedIn("admin");
  db.insert(notificationPreferences).values({ userId: lead.user.id, emailMode: "immediate" }).run();
  ws = makeWorkstream({ ownerId: lead.user.id, sponsorId: exec.user.id, startDate: "2022-01-01" });
  // A board member recorded as a workstream's owner still must not hear of programme rows.
  boardWs = makeWorkstream({ ownerId: board.user.id, startDate: "2022-01-01" });
  milestone = makeMilestone(ws.id, { baselineDate: inDays(-10), title: "Roll out phishing-resistant MFA" });
  makeMilestone(boardWs.id, { baselineDate: inDays(-5) });
  db.insert(boardReports).values({ quarter: "FY2026-Q1", asOfDate: "2026-03-31", state: "in_review", summary: "CONFIDENTIAL DRAFT NARRATIVE" }).run();
  const risk = makeRisk({ ownerId: lead.user.id, nextReviewDate: inDays(-3) });
  makeAcceptance(risk.id, { state: "approved", expiresOn: inDays(-1) });
});

describe("reminder rules", () => {
  it("notify the people the data names, and only those whose role may see the row", async () => {
    const report = run();
    const { previousMonth } = monthOf(TODAY);
    const leadItems = openFor(lead.user.id).map((n) => [n.rule, n.urgency]);
    expect(leadItems).toEqual(
      expect.arrayContaining([
        ["monthly_report", "overdue"],
        ["milestone_due", "overdue"],
        ["risk_review", "overdue"],
        ["acceptance_expiry", "overdue"],
      ]),
    );
    expect(openFor(lead.user.id).find((n) => n.rule === "monthly_report")?.subjectKey).toBe(`report:${ws.id}:${previousMonth}`);
    // The CISO office hears of overdue reports, milestones and expired acceptances, not of a review its owner holds.
    const cisoRules = openFor(ciso.user.id).map((n) => n.rule);
    expect(cisoRules).toEqual(expect.arrayContaining(["monthly_report", "milestone_due", "acceptance_expiry"]));
    expect(cisoRules).not.toContain("risk_review");
    // The executive approves board reports and sponsors the workstream.
    expect(
      openFor(exec.user.id)
        .map((n) => n.rule)
        .sort(),
    ).toEqual(["board_report_review", "monthly_report"]);
    // Board members and administrators are told nothing of programme rows or drafts.
    expect(openFor(board.user.id)).toEqual([]);
    expect(openFor(admin.user.id)).toEqual([]);
    expect(report.items.every((i) => i.user.role !== "board")).toBe(true);
    // The lead chose immediate email: one message per item; the others wait for their digest.
    const mails = db.select().from(outbox).where(eq(outbox.kind, "reminder")).all();
    expect(mails.length).toBe(openFor(lead.user.id).length);
    expect(new Set(mails.map((m) => m.toAddress))).toEqual(new Set([lead.user.email]));
    const milestoneMail = mails.find((m) => m.subject.includes(milestone.code))!;
    expect(milestoneMail.subject).toMatch(/^Overdue: /);
    expect(milestoneMail.textBody).toContain(`${ORIGIN}/milestones/${milestone.id}`);
    expect(milestoneMail.htmlBody).toContain(`href="${ORIGIN}/milestones/${milestone.id}"`);
  });

  it("running again at once changes and sends nothing; a repeat waits for its interval", () => {
    const before = db.select().from(outbox).all().length;
    const again = run();
    expect(again.items.every((i) => i.change === "unchanged")).toBe(true);
    expect(again.emailsQueued).toBe(0);
    expect(db.select().from(outbox).all().length).toBe(before);
    // The milestone rule repeats every 7 days by default: 8 days later its reminder comes again (unread), the same row.
    const later = run(new Date(Date.now() + 8 * 86_400_000));
    const repeated = later.items.filter((i) => i.change === "repeat" && i.user.id === lead.user.id).map((i) => i.rule);
    expect(repeated).toContain("milestone_due");
    expect(openFor(lead.user.id).filter((n) => n.rule === "milestone_due")).toHaveLength(1);
    expect(db.select().from(outbox).all().length).toBeGreaterThan(before);
  });

  it("the centre lists a user's own items, overdue first; opening one marks it read and goes to the row", async () => {
    const page = await centre(lead.cookie);
    expect(page.total).toBe(openFor(lead.user.id).length);
    expect(page.items[0]!.urgency).toBe("overdue");
    const item = page.items.find((i) => i.rule === "milestone_due")!;
    const res = await settle(() => openLoader(args(getRequest(`/notifications/${item.id}`, lead.cookie), { id: String(item.id) }) as never));
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).headers.get("location")).toBe(`/milestones/${milestone.id}`);
    expect(db.select().from(notifications).where(eq(notifications.id, item.id)).get()?.readAt).not.toBeNull();
    // Someone else's reminder is not found for another user.
    const theirs = await settle(() => openLoader(args(getRequest(`/notifications/${item.id}`, ciso.cookie), { id: String(item.id) }) as never));
    expect((theirs as Response).status).toBe(404);
    const boardPage = await centre(board.cookie);
    expect(boardPage.total).toBe(0);
  });

  it("mark all as read leaves nothing unread, for that user only", async () => {
    const res = await settle(() => centreAction(args(postRequest("/notifications", { intent: "read-all" }, ciso.cookie)) as never));
    expect((res as Response).status).toBe(302);
    expect(openFor(ciso.user.id).every((n) => n.readAt !== null)).toBe(true);
    expect(openFor(lead.user.id).some((n) => n.readAt === null)).toBe(true);
    const bad = await settle(() => centreAction(args(postRequest("/notifications", { intent: "delete-everything" }, ciso.cookie)) as never));
    expect((bad as Response).status).toBe(400);
  });

  it("an item is resolved once its condition ends (the report is submitted, the milestone done), by the background thread within seconds", async () => {
    // The schedule as the server's background thread runs it, on a connection of its own; its full run is far off.
    const stop = startNotificationSchedule({
      databasePath: process.env.DATABASE_PATH!,
      mail: { enabled: false },
      origin: ORIGIN,
      intervalMs: 3_600_000,
      changePollMs: 50,
    });
    const { previousMonth } = monthOf(TODAY);
    db.insert(statusReports)
      .values({
        workstreamId: ws.id,
        period: previousMonth,
        state: "submitted",
        submittedAt: new Date().toISOString(),
        ragOverall: "green",
        ragSchedule: "green",
        ragCost: "green",
        ragScope: "green",
        ragRisk: "green",
      })
      .run();
    const m = db.update(milestones).set({ status: "done", actualDate: TODAY }).where(eq(milestones.id, milestone.id)).returning().get();
    recordVersion(db, milestoneHistorySpec, m.id, m);
    await vi.waitFor(() => expect(openFor(lead.user.id).map((n) => n.rule)).not.toContain("milestone_due"), { timeout: 20_000, interval: 100 });
    await stop();
    const page = await centre(lead.cookie);
    const rules = page.items.map((i) => i.rule);
    expect(rules).not.toContain("monthly_report");
    expect(rules).not.toContain("milestone_due");
    expect(rules).toContain("risk_review");
    // The sponsor's and the CISO office's copies of the report reminder went too.
    expect(openFor(exec.user.id).map((n) => n.rule)).toEqual(["board_report_review"]);
  });

  it("an administrator turns a rule off on /admin/settings (with history); its open items resolve", async () => {
    const fields: Record<string, string> = { intent: "notification-rules", version: "0" };
    for (const key of ["monthly_report", "milestone_due", "risk_review", "acceptance_expiry", "board_report_review", "obligation_due"]) {
      fields[`${key}.days`] = "7";
      fields[`${key}.repeatDays`] = "7";
      if (key !== "risk_review") fields[`${key}.enabled`] = "on";
    }
    const bad = await settle(() => settingsAction(args(postRequest("/admin/settings", { ...fields, "milestone_due.days": "-3" }, admin.cookie)) as never));
    expect((bad as Response).status).toBe(400);
    expect(await (bad as Response).json()).toMatchObject({ errors: { "milestone_due.days": ["Use 0 or more."] } });
    const ok = await settle(() => settingsAction(args(postRequest("/admin/settings", fields, admin.cookie)) as never));
    expect((ok as Response).status).toBe(302);
    expect(db.select().from(settingHistory).where(eq(settingHistory.key, "notification_rules")).all()).toHaveLength(1);
    const forbidden = await settle(() => settingsAction(args(postRequest("/admin/settings", fields, ciso.cookie)) as never));
    expect((forbidden as Response).status).toBe(403);
    run();
    expect(openFor(lead.user.id).map((n) => n.rule)).not.toContain("risk_review");
  });
});

describe("digests", () => {
  it("group items overdue first, go once, and carry nothing of a draft", () => {
    db.delete(outbox).run();
    // Later than the repeat run above (8 days on), so every item counts as notified before this digest.
    const now = new Date(Date.now() + 9 * 86_400_000);
    const queued = queueDigests(db, { now, force: true, email: true, origin: ORIGIN });
    // The lead chose immediate email; board members and administrators have nothing; the CISO office and the executive get one each.
    expect(queued.map((q) => q.userId).sort()).toEqual([ciso.user.id, exec.user.id].sort());
    const execMail = db.select().from(outbox).where(eq(outbox.userId, exec.user.id)).get()!;
    expect(execMail.kind).toBe("digest");
    expect(execMail.textBody).toContain("Board report FY2026-Q1 is waiting for your approval");
    expect(execMail.textBody).toContain(`${ORIGIN}/board/FY2026-Q1/review`);
    expect(execMail.textBody + execMail.htmlBody).not.toContain("CONFIDENTIAL DRAFT NARRATIVE");
    const cisoMail = db.select().from(outbox).where(eq(outbox.userId, ciso.user.id)).get()!;
    const text = cisoMail.textBody;
    if (text.includes("Due soon")) expect(text.indexOf("Overdue (")).toBeLessThan(text.indexOf("Due soon ("));
    expect(text).toContain("Overdue (");
    // Forced again straight away: nothing new since, so nothing goes.
    expect(queueDigests(db, { now: new Date(now.getTime() + 60_000), force: true, email: true, origin: ORIGIN })).toEqual([]);
    // Without SMTP nothing is queued at all.
    expect(queueDigests(db, { force: true, email: false, origin: ORIGIN })).toEqual([]);
  });

  it("a daily digest is due after 07:00 in the user's own zone, once that day", async () => {
    const { digestDue } = await import("~/notifications/digests.server");
    // 14:30 UTC is 15:30 in Berlin (winter) but 06:30 in Los Angeles, before its digest hour.
    const at = new Date("2026-12-02T14:30:00Z");
    expect(digestDue("daily", null, at, "Europe/Berlin")).toBe(true);
    expect(digestDue("daily", null, at, "America/Los_Angeles")).toBe(false);
    expect(digestDue("daily", "2026-12-02T06:10:00Z", at, "Europe/Berlin")).toBe(false);
    expect(digestDue("daily", "2026-12-01T06:10:00Z", at, "Europe/Berlin")).toBe(true);
    // Weekly: Monday 2026-12-07 in Berlin, not Wednesday.
    expect(digestDue("weekly", "2026-12-01T08:00:00Z", at, "Europe/Berlin")).toBe(false);
    expect(digestDue("weekly", "2026-12-01T08:00:00Z", new Date("2026-12-07T08:00:00Z"), "Europe/Berlin")).toBe(true);
  });
});
