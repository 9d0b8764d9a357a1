import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { boardReports } from "#db/schema";
import { contentHashOf, verifyContentHash } from "~/board/freeze.server";
import { findReport, reportFigures } from "~/board/reports.server";
import type { FigureChange } from "~/board/snapshot-diff";
import { ApprovalOutdatedError, transition, WorkflowError } from "~/board/workflow.server";
import { db } from "~/db.server";
import { action as boardAction, loader as boardLoader } from "~/routes/board.$quarter";
import { fiscalQuarterLabel } from "~/money/fiscal";
import { todayIso } from "~/time/today.server";
import { makeUser, makeWorkstream, signedIn } from "#test/support/factories";
import { auditFor } from "#test/support/delivery-factories";
import { makeActual, makeBudgetLine, makeProgram } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

// A quarter long over, so "today" can be any day after it; the days below are the workflow's `today`.
const Q = "FY2025-Q1";
const Q_END = "2025-03-31";
const raw = db.$client;
const status = (res: unknown) => (res instanceof Response ? res.status : ((res as { init?: { status?: number } } | null)?.init?.status ?? 200));
const report = (quarter = Q) => db.select().from(boardReports).where(eq(boardReports.quarter, quarter)).get()!;

let wsId: number;
let ciso: ReturnType<typeof makeUser>;
let exec: ReturnType<typeof makeUser>;
const cisoCtx = () => ({ actorId: ciso.id });
const execCtx = () => ({ actorId: exec.id });

/** A report for the quarter, written and submitted, waiting for the executive. */
function inReview(quarter: string, asOfDate: string) {
  db.insert(boardReports)
    .values({ quarter, asOfDate, state: "in_review", summary: `Summary of ${quarter}.`, draftedById: ciso.id })
    .run();
}
const approve = (quarter: string, today: string, at = `${today}T17:00:00.000Z`) =>
  transition(db, execCtx(), quarter, "approve", report(quarter).version, today, at);
const publish = (quarter: string, today: string, reason: string | null = null, at = `${today}T18:00:00.000Z`) =>
  transition(db, cisoCtx(), quarter, "publish", report(quarter).version, today, at, reason);

function refusal(fn: () => unknown): ApprovalOutdatedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApprovalOutdatedError) return error;
    throw error;
  }
  throw new Error("publication was not refused");
}

beforeAll(() => {
  makeProgram({ startFiscalYear: 2024, endFiscalYear: 2027 });
  wsId = makeWorkstream({ createdAt: "2024-01-02T00:00:00.000Z" }).id;
  makeBudgetLine(wsId, { fiscalYear: 2025, quarter: 1, amountCents: 300_000_00 });
  makeActual(wsId, { date: "2025-02-10", amountCents: 40_000_00 });
  ciso = makeUser({ role: "ciso_office" });
  exec = makeUser({ role: "executive" });
});

describe("approval freezes the report", () => {
  it("stores the figures as of the quarter's end, the approver, the time and their seal", () => {
    inReview(Q, "2025-03-15");
    approve(Q, "2025-04-08");
    const r = report();
    expect(r.state).toBe("approved");
    expect(r.asOfDate).toBe(Q_END);
    expect(r.approvedById).toBe(exec.id);
    expect(r.approvedAt).toBe("2025-04-08T17:00:00.000Z");
    expect(r.approvalHash).toMatch(/^[0-9a-f]{64}$/);
    const frozen = JSON.parse(r.snapshot!) as { asOfDate: string; spend: { actualToDateCents: number; planToDateCents: number } };
    expect(frozen.asOfDate).toBe(Q_END);
    expect(frozen.spend.actualToDateCents).toBe(40_000_00);
    expect(frozen.spend.planToDateCents).toBe(300_000_00);
  });

  it("shows the approved figures, not live ones, while it waits for publication", () => {
    makeActual(wsId, { date: "2025-03-20", amountCents: 5_000_00 });
    const shown = reportFigures(db, report(), "2025-04-09");
    expect(shown.approvedFigures).toBe(true);
    expect(shown.snapshot.spend.actualToDateCents).toBe(40_000_00);
  });

  it("refuses publication when the quarter's data changed since approval, lists the figures old → new, and sends it back to review", () => {
    // The back-dated invoice above (20 March) changed the quarter's spend after the approval.
    const before = report();
    const error = refusal(() => publish(Q, "2025-04-10"));
    expect(error.status).toBe(409);
    expect(error.differences).toContainEqual<FigureChange>({ figure: "spend.actualToDateCents", before: 40_000_00, after: 45_000_00 });
    expect(error.differences).toContainEqual<FigureChange>({ figure: "spend.quarterActualCents", before: 40_000_00, after: 45_000_00 });
    expect(error.differences.map((d) => d.figure)).not.toContain("spend.planToDateCents");
    const after = report();
    expect(after).toMatchObject({ state: "in_review", snapshot: null, approvalHash: null, approvedById: null, approvedAt: null, publishedAt: null });
    expect(after.version).toBe(before.version + 1);
    const [event] = auditFor("board_report.approval_outdated", after.id);
    expect(event).toBeDefined();
    expect(JSON.parse(event!.after!).differences).toEqual(error.differences);
    expect(auditFor("board_report.publish", after.id)).toEqual([]);
  });

  it("publishes exactly the re-approved snapshot when nothing changed, with a hash over figures, narrative, approver and dates", () => {
    approve(Q, "2025-04-11");
    const approved = report();
    publish(Q, "2025-04-14");
    const r = report();
    expect(r.state).toBe("published");
    expect(r.snapshot).toBe(approved.snapshot);
    expect(JSON.parse(r.snapshot!).spend.actualToDateCents).toBe(45_000_00);
    expect(r.summary).toBe(approved.summary);
    expect(r.approvedAt).toBe(approved.approvedAt);
    expect(r.publishedAt).toBe("2025-04-14T18:00:00.000Z");
    expect(r.earlyPublicationReason).toBeNull();
    expect(r.contentHashScope).toBe("report");
    expect(verifyContentHash(r)).toBe(true);
    // Each part the hash covers changes it.
    const figures = JSON.parse(r.snapshot!) as { spend: { actualToDateCents: number } };
    figures.spend.actualToDateCents += 1;
    const variants = [
      { snapshot: JSON.stringify(figures) },
      { summary: `${r.summary} ` },
      { decisions: "- something else" },
      { approvedById: ciso.id },
      { approvedAt: "2025-04-12T17:00:00.000Z" },
      { publishedById: exec.id },
      { publishedAt: "2025-04-15T18:00:00.000Z" },
      { asOfDate: "2025-03-30" },
      { earlyPublicationReason: "because" },
    ];
    for (const change of variants) {
      expect(contentHashOf({ ...r, ...change }), JSON.stringify(change)).not.toBe(r.contentHash);
      expect(verifyContentHash({ ...r, ...change }), JSON.stringify(change)).toBe(false);
    }
  });

  it("refuses to publish an approval whose narrative was changed behind its back", () => {
    inReview("FY2025-Q2", "2025-06-30");
    approve("FY2025-Q2", "2025-07-08");
    raw.prepare("update board_reports set summary = 'Rewritten after approval.' where quarter = 'FY2025-Q2'").run();
    const error = refusal(() => publish("FY2025-Q2", "2025-07-10"));
    expect(error.differences[0]!.figure).toBe("approval seal");
    expect(report("FY2025-Q2").state).toBe("in_review");
  });

  it("refuses an approval given before the quarter ended once it has ended: the as-of day moved", () => {
    inReview("FY2025-Q3", "2025-09-20");
    approve("FY2025-Q3", "2025-09-20");
    expect(report("FY2025-Q3").asOfDate).toBe("2025-09-20");
    const error = refusal(() => publish("FY2025-Q3", "2025-10-03"));
    expect(error.differences).toContainEqual<FigureChange>({ figure: "asOfDate", before: "2025-09-20", after: "2025-09-30" });
  });
});

describe("publishing before the quarter has ended", () => {
  it("needs a reason, stored with the report and covered by its hash", () => {
    inReview("FY2025-Q4", "2025-12-10");
    approve("FY2025-Q4", "2025-12-10");
    const before = report("FY2025-Q4");
    expect(() => publish("FY2025-Q4", "2025-12-10")).toThrow(WorkflowError);
    expect(() => publish("FY2025-Q4", "2025-12-10", "   ")).toThrow(/has not ended yet/);
    expect(report("FY2025-Q4")).toEqual(before);
    publish("FY2025-Q4", "2025-12-10", "The board meets on 12 December.");
    const r = report("FY2025-Q4");
    expect(r.state).toBe("published");
    expect(r.earlyPublicationReason).toBe("The board meets on 12 December.");
    expect(verifyContentHash(r)).toBe(true);
  });

  it("on the quarter's last day too; a reason given after the quarter ended is not kept", () => {
    inReview("FY2026-Q1", "2026-03-31");
    approve("FY2026-Q1", "2026-03-31");
    expect(() => publish("FY2026-Q1", "2026-03-31")).toThrow(/has not ended yet/);
    inReview("FY2026-Q2", "2026-06-30");
    approve("FY2026-Q2", "2026-07-02");
    publish("FY2026-Q2", "2026-07-03", "not needed");
    expect(report("FY2026-Q2").earlyPublicationReason).toBeNull();
  });

  it("the page warns, asks for the reason, shows it once published, and answers a refused publication with the figures that moved", async () => {
    const current = fiscalQuarterLabel(todayIso(), 1);
    inReview(current, todayIso());
    approve(current, todayIso());
    const publisher = signedIn("ciso_office");
    const load = async () =>
      (await boardLoader(args(getRequest(`/board/${current}`, publisher.cookie), { quarter: current }) as never)) as {
        early: boolean;
        report: { earlyPublicationReason: string | null; timeZone: string };
      };
    expect((await load()).early).toBe(true);
    expect((await load()).report.timeZone).toBe("America/Los_Angeles");
    const post = (fields: Record<string, string>) =>
      settle(() =>
        boardAction(
          args(postRequest(`/board/${current}`, { intent: "publish", version: String(report(current).version), ...fields }, publisher.cookie), {
            quarter: current,
          }) as never,
        ),
      );
    expect(status(await post({}))).toBe(400);

    // A figure of the running quarter moves: publication is refused with it, and the report is back in review.
    makeActual(wsId, { date: todayIso(), amountCents: 7_000_00 });
    const refused = (await post({ reason: "Board meets early." })) as { data: { differences: FigureChange[]; error: string } };
    expect(status(refused)).toBe(409);
    expect(refused.data.error).toMatch(/back in review/);
    const moved = refused.data.differences.find((d) => d.figure === "spend.actualToDateCents")!;
    expect(Number(moved.after) - Number(moved.before)).toBe(7_000_00);
    expect(report(current).state).toBe("in_review");

    approve(current, todayIso());
    expect(status(await post({ reason: "Board meets early." }))).toBe(302);
    expect((await load()).report.earlyPublicationReason).toBe("Board meets early.");
    expect(findReport(db, current, "board")?.earlyPublicationReason).toBe("Board meets early.");
  });
});

describe("a published report cannot be changed, even with SQL", () => {
  it("refuses UPDATE and DELETE of a published row through the raw connection", () => {
    const before = raw.prepare("select * from board_reports where quarter = ?").get(Q);
    expect(() => raw.prepare("update board_reports set summary = 'rewritten' where quarter = ?").run(Q)).toThrow(/published report cannot be changed/);
    expect(() => raw.prepare("update board_reports set state = 'draft' where quarter = ?").run(Q)).toThrow(/published report cannot be changed/);
    expect(() => raw.prepare("update board_reports set snapshot = '{}', content_hash = 'x' where quarter = ?").run(Q)).toThrow(/cannot be changed/);
    expect(() => raw.prepare("delete from board_reports where quarter = ?").run(Q)).toThrow(/published report cannot be deleted/);
    expect(() => raw.prepare("delete from board_reports").run()).toThrow(/cannot be deleted/);
    expect(raw.prepare("select * from board_reports where quarter = ?").get(Q)).toEqual(before);
  });

  it("still lets unpublished reports be edited and removed", () => {
    inReview("FY2024-Q4", "2024-12-31");
    raw.prepare("update board_reports set summary = 'edited' where quarter = 'FY2024-Q4'").run();
    expect(report("FY2024-Q4").summary).toBe("edited");
    raw.prepare("delete from board_reports where quarter = 'FY2024-Q4'").run();
    expect(raw.prepare("select count(*) as n from board_reports where quarter = 'FY2024-Q4'").get()).toEqual({ n: 0 });
  });
});
