import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { db } from "~/db.server";
import { addDays } from "~/money/fiscal";
import { loader } from "~/routes/risks._index";
import { loader as csvLoader } from "~/routes/risks[.csv]";
import { parseRiskFilters } from "~/risks/filters";
import { expiredAcceptances } from "~/figures/risks.server";
import { todayIso } from "~/time/today.server";
import { makeUser, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest, settle } from "#test/support/requests";
import { ensureProgram, makeAcceptance, makeRisk } from "#test/support/risk-factories";

type Page = Awaited<ReturnType<typeof loader>>;
const today = todayIso();

describe("/risks register", () => {
  let cookie: string;
  const r: Record<string, ReturnType<typeof makeRisk>> = {};
  let owner: ReturnType<typeof makeUser>;
  let ws: ReturnType<typeof makeWorkstream>;

  beforeAll(() => {
    ensureProgram({ riskAppetite: "medium" });
    cookie = signedIn("executive").cookie;
    owner = makeUser({ role: "workstream_lead", name: "Olive Owner" });
    ws = makeWorkstream({ code: "WS-RR" });
    r.critical = makeRisk({
      code: "R-901",
      cl: 5,
      ci: 5,
      ownerId: owner.id,
      workstreamIds: [ws.id],
      csfFunction: "detect",
      nextReviewDate: addDays(today, -3),
    });
    r.high = makeRisk({ code: "R-902", cl: 3, ci: 4, il: 5, ii: 5, nextReviewDate: addDays(today, 30) });
    r.medium = makeRisk({ code: "R-903", cl: 2, ci: 2, status: "monitoring" });
    r.closed = makeRisk({ code: "R-904", cl: 5, ci: 5, status: "closed", nextReviewDate: addDays(today, -100) });
    // Expired and not renewed → flagged; expired but renewed → not flagged.
    r.expired = makeRisk({ code: "R-905", cl: 4, ci: 4, treatment: "accept" });
    makeAcceptance(r.expired.id, { state: "approved", expiresOn: addDays(today, -1) });
    r.renewed = makeRisk({ code: "R-906", cl: 4, ci: 4, treatment: "accept" });
    makeAcceptance(r.renewed.id, { state: "approved", expiresOn: addDays(today, -10) });
    makeAcceptance(r.renewed.id, { state: "approved", expiresOn: addDays(today, 200) });
    r.requested = makeRisk({ code: "R-907", cl: 4, ci: 4 });
    makeAcceptance(r.requested.id, { state: "requested", expiresOn: addDays(today, -5) });
  });

  const page = async (query = "") => (await loader(args(getRequest(`/risks${query}`, cookie)) as never)) as Page;
  const codes = (p: Page) => p.rows.map((x) => x.code);

  it("lists every risk, highest current score first", async () => {
    const p = await page();
    expect(codes(p)).toEqual(["R-901", "R-904", "R-905", "R-906", "R-907", "R-902", "R-903"]);
  });

  it("filters by level, appetite, owner, workstream, overdue review, status and CSF function", async () => {
    expect(codes(await page("?level=critical"))).toEqual(["R-901", "R-904"]);
    expect(codes(await page("?above=1&status=open"))).toEqual(["R-901", "R-905", "R-906", "R-907", "R-902"]);
    expect(codes(await page(`?owner=${owner.id}`))).toEqual(["R-901"]);
    expect(codes(await page("?ws=WS-RR"))).toEqual(["R-901"]);
    expect(codes(await page("?overdue=1"))).toEqual(["R-901"]);
    expect(codes(await page("?status=monitoring"))).toEqual(["R-903"]);
    expect(codes(await page("?csf=detect"))).toEqual(["R-901"]);
    expect(codes(await page("?cl=3&ci=4"))).toEqual(["R-902"]);
  });

  it("ignores filter values it does not understand", async () => {
    expect(parseRiskFilters(new URLSearchParams("level=severe&cl=6&owner=abc&ws=%27;drop&status=open"))).toEqual({ status: "open" });
    expect((await page("?level=severe&cl=0")).rows).toHaveLength(7);
  });

  it("counts risks not closed per heat-map cell, and each cell links to a list of exactly that many", async () => {
    const p = await page();
    // R-904 is closed: a closed risk is in the register but in no heat map (as in board reports).
    expect(p.heat.current[4]![4]).toBe(1);
    expect(p.heat.current[3]![3]).toBe(3);
    expect(p.heat.inherent[4]![4]).toBe(1);
    expect(p.heat.inherent[3]![3]).toBe(5);
    const sum = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0);
    expect(sum(p.heat.current)).toBe(6);
    const cell = await page("?cl=4&ci=4");
    expect(cell.rows).toHaveLength(p.heat.current[3]![3]!);
    // The current map keeps its own cell's counts under its own cell filter.
    expect(cell.heat.current[4]![4]).toBe(1);
    expect(sum(cell.heat.inherent)).toBe(3);
  });

  it("flags an approved acceptance past its expiry, unless a later one is in force", async () => {
    const p = await page();
    const flagged = p.rows.filter((x) => x.acceptanceExpired).map((x) => x.code);
    expect(flagged).toEqual(["R-905"]);
    expect(p.rows.find((x) => x.code === "R-906")!.acceptedUntil).toBe(addDays(today, 200));
    expect(codes(await page("?expired=1"))).toEqual(["R-905"]);
    expect(expiredAcceptances(db, { asOf: today }).map((x) => x.code)).toEqual(["R-905"]);
    // On the day of expiry the acceptance still holds.
    expect(expiredAcceptances(db, { asOf: addDays(today, -1) }).map((x) => x.code)).toEqual([]);
  });

  it("shows top risks and overdue reviews of open risks only", async () => {
    const p = await page();
    expect(p.top.map((x) => x.code).slice(0, 2)).toEqual(["R-901", "R-905"]);
    expect(p.top.map((x) => x.code)).not.toContain("R-904");
    expect(p.overdue.map((x) => x.code)).toEqual(["R-901"]);
  });

  it("exports the filtered list as CSV, audited", async () => {
    const res = (await csvLoader(args(getRequest("/risks.csv?above=1&status=open", cookie)) as never)) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\n");
    expect(lines).toHaveLength(1 + 5);
    expect(lines[0]).toMatch(/^code,title,description,category,owner_email/);
    expect(lines[1]).toMatch(/^R-901,/);
    const audit = db
      .select()
      .from(auditEvents)
      .all()
      .find((e) => e.action === "risk.export");
    expect(JSON.parse(audit!.after!).rows).toBe(5);
  });

  it("is closed to board members", async () => {
    const board = signedIn("board");
    const res = await settle(() => loader(args(getRequest("/risks", board.cookie)) as never));
    expect((res as Response).status).toBe(403);
  });
});
