import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { obligationsAsOf as listObligations } from "~/figures/obligations.server";
import { action, loader } from "~/routes/obligations.$code";
import { loader as csvLoader } from "~/routes/obligations[.csv]";
import { loader as listLoader } from "~/routes/obligations._index";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { makeActual, makeObligation, makeProgram } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const AS_OF = "2099-01-01";

describe("obligations", () => {
  let wsA: number;
  let wsB: number;
  beforeAll(() => {
    makeProgram();
    wsA = makeWorkstream().id;
    wsB = makeWorkstream().id;
    makeActual(wsA, { date: "2022-03-01", amountCents: 100_00, tags: ["settlement"] });
    makeActual(wsB, { date: "2023-12-31", amountCents: 250_00, tags: ["settlement", "fcc-decree"], category: "tooling" });
    makeActual(wsA, { date: "2024-01-01", amountCents: 999_00, tags: ["settlement"] }); // after the window
    makeActual(wsA, { date: "2022-06-01", amountCents: 777_00 }); // untagged
    makeObligation({ code: "OB-S1", kind: "spend", targetCents: 1_000_00, windowStart: "2022-01-01", windowEnd: "2023-12-31", spendTag: "settlement" });
    makeObligation({
      code: "OB-S2",
      kind: "spend",
      targetCents: 1_000_00,
      windowStart: "2022-01-01",
      windowEnd: "2023-12-31",
      spendTag: "settlement",
      spendCategory: "tooling",
    });
    makeObligation({ code: "OB-S3", kind: "spend", targetCents: 1_000_00, windowStart: "2022-01-01", windowEnd: "2023-12-31", workstreamIds: [wsA] });
    const done = makeMilestone(wsA, { status: "done", baselineDate: "2023-01-01", actualDate: "2023-02-01" });
    const open = makeMilestone(wsA, { status: "in_progress", baselineDate: "2098-01-01", forecastDate: "2098-03-01" });
    const cancelled = makeMilestone(wsA, { status: "cancelled" });
    makeObligation({ code: "OB-M1", kind: "measure", milestoneIds: [done.id, open.id, cancelled.id], workstreamIds: [wsA] });
  });

  it("counts only actuals in the window that match every criterion given", () => {
    const rows = new Map(listObligations(db, {}, AS_OF).map((o) => [o.code, o]));
    expect(rows.get("OB-S1")!.spend).toMatchObject({ progressCents: 350_00, invoices: 2, phase: "closed", willMeet: false, progressBp: 3500 });
    expect(rows.get("OB-S2")!.spend!.progressCents).toBe(250_00);
    expect(rows.get("OB-S3")!.spend!.progressCents).toBe(100_00 + 777_00);
  });

  it("shows a measure's linked milestones: done, total, slipped (cancelled left out)", () => {
    const m = listObligations(db, { kind: "measure" }, AS_OF);
    expect(m.map((o) => o.code)).toEqual(["OB-M1"]);
    expect(m[0]!.measure).toEqual({ total: 2, done: 1, slipped: 2, overdue: 1 });
  });

  it("lists with filters and exports the same rows as CSV", async () => {
    const { cookie } = signedIn("executive");
    const list = (await listLoader(args(getRequest("/obligations?kind=spend&status=bogus", cookie)) as never)) as { rows: unknown[]; ignored: string[] };
    expect(list.rows).toHaveLength(3);
    expect(list.ignored).toEqual(["status"]);
    const csv = await ((await csvLoader(args(getRequest("/obligations.csv?kind=spend", cookie)) as never)) as Response).text();
    expect(csv.trim().split("\n")).toHaveLength(4);
    expect(csv).toContain("OB-S1,settlement");
  });

  it("lets the CISO office edit status and evidence (versioned, audited), and answers 409 on a stale version", async () => {
    const { cookie } = signedIn("ciso_office");
    const params = { code: "OB-M1" };
    const before = (await loader(args(getRequest("/obligations/OB-M1", cookie), params) as never)) as { obligation: { version: number } };
    const v = before.obligation.version;
    const ok = (await settle(() =>
      action(
        args(
          postRequest("/obligations/OB-M1", { version: String(v), status: "in_progress", evidenceNotes: "Phase 1 evidence filed." }, cookie),
          params,
        ) as never,
      ),
    )) as Response;
    expect(ok.status).toBe(302);
    const row = db.$client.prepare("select status, evidence_notes e, version from obligations where code = 'OB-M1'").get();
    expect(row).toEqual({ status: "in_progress", e: "Phase 1 evidence filed.", version: v + 1 });
    const audit = db.$client.prepare("select before, after from audit_events where action = 'obligation.update' order by id desc").get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(audit.after)).toMatchObject({ status: "in_progress", version: v + 1 });

    const stale = (await action(
      args(postRequest("/obligations/OB-M1", { version: String(v), status: "met", evidenceNotes: "x" }, cookie), params) as never,
    )) as unknown as {
      data: { conflict: { changes: Array<{ field: string }> } };
      init: { status: number };
    };
    expect(stale.init.status).toBe(409);
    expect(stale.data.conflict.changes.map((c) => c.field)).toEqual(["status", "evidenceNotes"]);
    expect((db.$client.prepare("select status from obligations where code = 'OB-M1'").get() as { status: string }).status).toBe("in_progress");

    const invalid = (await action(args(postRequest("/obligations/OB-M1", { version: String(v + 1), status: "done" }, cookie), params) as never)) as unknown as {
      init: { status: number };
    };
    expect(invalid.init.status).toBe(400);
  });

  it("answers 404 for an unknown code", async () => {
    const { cookie } = signedIn("executive");
    const res = (await settle(() => loader(args(getRequest("/obligations/OB-404", cookie), { code: "OB-404" }) as never))) as Response;
    expect(res.status).toBe(404);
  });
});
