import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { boardReports } from "#db/schema";
import { verifyContentHash } from "~/board/freeze.server";
import { type QuarterSnapshot } from "~/board/snapshot.server";
import { db } from "~/db.server";
import { action as boardAction, loader as boardLoader } from "~/routes/board.$quarter";
import { action as reviewAction } from "~/routes/board.$quarter_.review";
import { loader as listLoader } from "~/routes/board._index";
import { loader as pdfLoader } from "~/routes/board.$quarter[.pdf]";
import { loader as apiListLoader } from "~/routes/api.v1.board-reports._index";
import { loader as apiOneLoader } from "~/routes/api.v1.board-reports.$quarter";
import { todayIso } from "~/time/today.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { pdfText } from "./pdf-text";

const Q = "FY2026-Q4";
const PREV = "FY2026-Q3";
type Page = {
  report: { state: string; version: number; contentHash: string | null; approvedById: number | null };
  snapshot: QuarterSnapshot;
  frozen: boolean;
  verified: boolean | null;
  deltas: {
    previousQuarter: string | null;
    spend: { actualToDate: { change: number | null; before: number | null } };
    milestones: { done: { change: number | null } };
    risks: { count: { change: number | null } };
    health: { before: string | null };
  };
};

const raw = db.$client;
const row = () =>
  raw.prepare("select * from board_reports where quarter = ?").get(Q) as {
    state: string;
    version: number;
    snapshot: string | null;
    content_hash: string | null;
    approved_by_id: number | null;
    approved_at: string | null;
    published_by_id: number | null;
    published_at: string | null;
    summary: string;
  };
// Actions answer refusals with `data(…, { status })` (single fetch), not a Response.
const status = (res: unknown) => (res instanceof Response ? res.status : ((res as { init?: { status?: number } } | null)?.init?.status ?? 200));

async function page(cookie: string, quarter = Q) {
  return (await settle(() => boardLoader(args(getRequest(`/board/${quarter}`, cookie), { quarter }) as never))) as Page | Response;
}
async function post(cookie: string, fields: Record<string, string>, route: "page" | "review" = "page") {
  const handler = route === "page" ? boardAction : reviewAction;
  const path = route === "page" ? `/board/${Q}` : `/board/${Q}/review`;
  return settle(() => handler(args(postRequest(path, fields, cookie), { quarter: Q }) as never));
}
async function list(cookie: string) {
  return ((await listLoader(args(getRequest("/board", cookie)) as never)) as { reports: Array<{ quarter: string; state: string }> }).reports;
}
function addActual(amountCents: number) {
  const ws = raw.prepare("select id from workstreams order by code limit 1").get() as { id: number };
  raw
    .prepare(
      "insert into actuals (reference, date, amount_cents, workstream_id, cost_class, category, created_at, updated_at) values (?, ?, ?, ?, 'opex', 'vendor', ?, ?)",
    )
    .run(`TEST-${amountCents}-${Math.random()}`, todayIso(), amountCents, ws.id, new Date().toISOString(), new Date().toISOString());
}

describe("board report workflow on the demo data", () => {
  let ciso: ReturnType<typeof signedIn>;
  let exec: ReturnType<typeof signedIn>;
  let board: ReturnType<typeof signedIn>;
  let lead: ReturnType<typeof signedIn>;

  beforeAll(async () => {
    await seedDemo(db, { today: todayIso() });
    ciso = signedIn("ciso_office");
    exec = signedIn("executive");
    board = signedIn("board");
    lead = signedIn("workstream_lead");
  });

  it("shows the board and leads published reports only, and hides the draft (404)", async () => {
    for (const who of [board, lead]) {
      const reports = await list(who.cookie);
      expect(reports.length).toBeGreaterThanOrEqual(19);
      expect(reports.every((r) => r.state === "published")).toBe(true);
      expect(reports.map((r) => r.quarter)).not.toContain(Q);
      expect(status(await page(who.cookie))).toBe(404);
      expect(status(await settle(() => pdfLoader(args(getRequest(`/board/${Q}.pdf`, who.cookie), { quarter: Q }) as never)))).toBe(404);
    }
    // Executives do not see a draft still being written either.
    expect((await list(exec.cookie)).map((r) => r.quarter)).not.toContain(Q);
    expect(status(await page(exec.cookie))).toBe(404);
    expect((await list(ciso.cookie)).find((r) => r.quarter === Q)?.state).toBe("draft");
  });

  it("computes a draft's figures live", async () => {
    const before = (await page(ciso.cookie)) as Page;
    expect(before.frozen).toBe(false);
    addActual(12_345_67);
    const after = (await page(ciso.cookie)) as Page;
    expect(after.snapshot.spend.actualToDateCents - before.snapshot.spend.actualToDateCents).toBe(12_345_67);
  });

  it("lets the CISO office edit the narrative with the row's version, audited, and refuses a stale version with 409", async () => {
    const { version } = row();
    const ok = await post(ciso.cookie, {
      intent: "edit",
      version: String(version),
      summary: "Quarter in one line.",
      highlights: "- Lab segmented",
      concerns: "",
      decisions: "- Approve FY2027 budget",
    });
    expect(status(ok)).toBe(302);
    expect(row().summary).toBe("Quarter in one line.");
    expect(row().version).toBe(version + 1);
    expect(raw.prepare("select count(*) as n from audit_events where action = 'board_report.update'").get()).toEqual({ n: 1 });
    const stale = await post(ciso.cookie, { intent: "edit", version: String(version), summary: "Someone else's" });
    expect(status(stale)).toBe(409);
    expect(row().summary).toBe("Quarter in one line.");
  });

  it("refuses publishing before approval, and approval by anyone but executives and admins", async () => {
    expect(status(await post(ciso.cookie, { intent: "publish", version: String(row().version) }))).toBe(409);
    expect(status(await post(ciso.cookie, { intent: "submit", version: String(row().version) }))).toBe(302);
    expect(row().state).toBe("in_review");
    // Once in review the executive reads it; the board still does not.
    expect((await list(exec.cookie)).find((r) => r.quarter === Q)?.state).toBe("in_review");
    expect(status(await page(board.cookie))).toBe(404);

    const v = String(row().version);
    expect(status(await post(ciso.cookie, { intent: "approve", version: v }))).toBe(403);
    expect(status(await post(ciso.cookie, { intent: "approve", version: v }, "review"))).toBe(403);
    for (const who of [lead, board]) {
      expect(status(await post(who.cookie, { intent: "approve", version: v }, "review"))).toBe(403);
      expect(status(await post(who.cookie, { intent: "approve", version: v }))).toBe(403);
    }
    expect(status(await post(ciso.cookie, { intent: "publish", version: v }))).toBe(409);
    expect(row().state).toBe("in_review");
  });

  it("records the approving executive and time; only the CISO office publishes", async () => {
    expect(status(await post(exec.cookie, { intent: "approve", version: String(row().version) }, "review"))).toBe(302);
    const r = row();
    expect(r.state).toBe("approved");
    expect(r.approved_by_id).toBe(exec.user.id);
    expect(r.approved_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The narrative is closed once approved, and executives cannot publish.
    expect(status(await post(ciso.cookie, { intent: "edit", version: String(r.version), summary: "late change" }))).toBe(409);
    expect(status(await post(exec.cookie, { intent: "publish", version: String(r.version) }))).toBe(403);
    expect(status(await post(board.cookie, { intent: "publish", version: String(r.version) }))).toBe(403);
    expect(row().state).toBe("approved");
  });

  let published: Page;
  it("publishing the running quarter needs a reason; then it publishes the approved figures with their content hash", async () => {
    const approved = (await page(ciso.cookie)) as Page;
    // Q is the quarter in progress: publishing it early is refused without a reason, and nothing changes.
    const before = row();
    expect(status(await post(ciso.cookie, { intent: "publish", version: String(before.version) }))).toBe(400);
    expect(row()).toEqual(before);
    expect(status(await post(ciso.cookie, { intent: "publish", version: String(before.version), reason: "Board meets on the 15th." }))).toBe(302);
    const r = row();
    expect(r.state).toBe("published");
    expect(r.published_by_id).toBe(ciso.user.id);
    expect(r.published_at).toBeTruthy();
    expect(r.snapshot).toBe(before.snapshot);
    expect(
      verifyContentHash(
        db
          .select()
          .from(boardReports)
          .all()
          .find((x) => x.quarter === Q)!,
      ),
    ).toBe(true);
    expect(JSON.parse(r.snapshot!)).toEqual(approved.snapshot);
    published = (await page(board.cookie)) as Page;
    expect(published.frozen).toBe(true);
    expect(published.verified).toBe(true);
    expect(published.report.contentHash).toBe(r.content_hash);
    expect(
      raw
        .prepare("select action from audit_events where action like 'board_report.%' order by id")
        .all()
        .map((e) => (e as { action: string }).action),
    ).toEqual(["board_report.update", "board_report.submit", "board_report.approve", "board_report.publish"]);
  });

  it("never changes a published report when the data behind it changes", async () => {
    const stored = row();
    addActual(99_000_00);
    const open = raw.prepare("select id, version from milestones where actual_date is null and status <> 'cancelled' order by id limit 1").get() as {
      id: number;
      version: number;
    };
    // Through the real write path, which records the milestone's history (the figures read history).
    const { completeMilestone } = await import("~/milestones/milestone-changes.server");
    completeMilestone(db, { actorId: null }, open.id, open.version, todayIso());
    const risk = raw.prepare("select id from risks where status <> 'closed' order by id limit 1").get() as { id: number };
    raw
      .prepare("insert into risk_assessments (risk_id, assessed_on, likelihood, impact, rationale, created_at) values (?, ?, 5, 5, 'test re-score', ?)")
      .run(risk.id, todayIso(), new Date().toISOString());
    raw.prepare("update risks set current_likelihood = 5, current_impact = 5 where id = ?").run(risk.id);

    const again = (await page(board.cookie)) as Page;
    expect(again.snapshot).toEqual(published.snapshot);
    expect(again.verified).toBe(true);
    expect(row().snapshot).toBe(stored.snapshot);
    expect(row().content_hash).toBe(stored.content_hash);
    // The same edits do move live figures: the freeze is what held them.
    const { buildQuarterSnapshot } = await import("~/board/snapshot.server");
    const live = buildQuarterSnapshot(db, Q, published.snapshot.asOfDate);
    expect(live.spend.actualToDateCents).toBe(published.snapshot.spend.actualToDateCents + 99_000_00);
    expect(live.milestones.done).toBe(published.snapshot.milestones.done + 1);
  });

  it("refuses any edit or step on a published report (409) and leaves it untouched", async () => {
    const before = row();
    for (const intent of ["submit", "send_back", "publish"]) expect(status(await post(ciso.cookie, { intent, version: String(before.version) }))).toBe(409);
    expect(status(await post(ciso.cookie, { intent: "edit", version: String(before.version), summary: "rewrite history" }))).toBe(409);
    expect(status(await post(exec.cookie, { intent: "send_back", version: String(before.version) }, "review"))).toBe(409);
    expect(row()).toEqual(before);
  });

  it("shows quarter-over-quarter deltas against the previous published report", async () => {
    const prev = JSON.parse(
      (raw.prepare("select snapshot from board_reports where quarter = ?").get(PREV) as { snapshot: string }).snapshot,
    ) as QuarterSnapshot;
    const d = published.deltas;
    expect(d.previousQuarter).toBe(PREV);
    expect(d.spend.actualToDate.before).toBe(prev.spend.actualToDateCents);
    expect(d.spend.actualToDate.change).toBe(published.snapshot.spend.actualToDateCents - prev.spend.actualToDateCents);
    expect(d.milestones.done.change).toBe(published.snapshot.milestones.done - prev.milestones.done);
    expect(d.risks.count.change).toBe(published.snapshot.risks.count - prev.risks.count);
    expect(d.health.before).toBe(prev.health.overall);
  });

  it("serves the published report as a PDF board pack, its fingerprint in the appendix and a plain-language line up front, audited", async () => {
    const res = (await settle(() => pdfLoader(args(getRequest(`/board/${Q}.pdf`, board.cookie), { quarter: Q }) as never))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    const hash = row().content_hash!;
    // The SHA-256 is jargon to a director: printed once, in the appendix; every page is numbered.
    expect(text.split("\n").filter((l) => l.includes(hash))).toEqual([`SHA-256 ${hash}`]);
    expect(text.split("\n").filter((l) => /^Page \d+ of \d+$/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(text.replace(/\s+/g, " ")).toContain("its fingerprint lets anyone check it has not changed since");
    expect(text).toContain(`Board report ${Q}`);
    expect(raw.prepare("select count(*) as n from audit_events where action = 'board_report.export'").get()).toEqual({ n: 1 });
  });

  it("gives BI tools the published reports and the frozen snapshot, never a draft", async () => {
    // Board members read reports on the site; the API is for roles granted read:api.
    const boardToken = makeApiToken(board.user.id).token;
    const refused = await settle(() =>
      apiListLoader(args(new Request("http://localhost:3000/api/v1/board-reports", { headers: { authorization: `Bearer ${boardToken}` } })) as never),
    );
    expect((refused as Response).status).toBe(403);
    const { token } = makeApiToken(ciso.user.id, { scopes: ["board-reports"] });
    const req = (path: string) => new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } });
    const listed = (await (await apiListLoader(args(req("/api/v1/board-reports")) as never)).json()) as {
      reports: Array<{ quarter: string; contentHash: string }>;
    };
    expect(listed.reports.at(-1)).toMatchObject({ quarter: Q, contentHash: row().content_hash });
    const one = (await (await apiOneLoader(args(req(`/api/v1/board-reports/${Q}`), { quarter: Q }) as never)).json()) as {
      snapshot: unknown;
      contentHash: string;
      verified: boolean;
      narrative: { summary: string };
    };
    expect(one.snapshot).toEqual(published.snapshot);
    expect(one.contentHash).toBe(row().content_hash);
    expect(one.verified).toBe(true);
    expect(one.narrative.summary).toBe("Quarter in one line.");
    // A CISO office token cannot read an unpublished report through the API either.
    raw
      .prepare("insert into board_reports (quarter, as_of_date, state, created_at, updated_at) values ('FY2027-Q1', '2027-03-31', 'draft', ?, ?)")
      .run(new Date().toISOString(), new Date().toISOString());
    const cisoToken = token;
    const draft = await apiOneLoader(
      args(new Request("http://localhost:3000/api/v1/board-reports/FY2027-Q1", { headers: { authorization: `Bearer ${cisoToken}` } }), {
        quarter: "FY2027-Q1",
      }) as never,
    );
    expect(draft.status).toBe(404);
  });
});
