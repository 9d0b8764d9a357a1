import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { milestoneBaselines, milestoneDependencies, milestones } from "#db/schema";
import { db } from "~/db.server";
import { action as milestoneAction, loader as milestoneLoader } from "~/routes/milestones.$id";
import { loader as listLoader } from "~/routes/milestones._index";
import { action as createAction } from "~/routes/milestones.new";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { auditFor, makeDependency } from "#test/support/delivery-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { inDays } from "#test/support/today";

type Body = {
  intent: string;
  result: { error?: Record<string, string[] | null> };
  conflict?: { currentVersion: number; changes: Array<{ field: string; yours: unknown; theirs: unknown }> };
};
const body = async (res: unknown) => (await (res as Response).json()) as Body;
const status = (res: unknown) => (res instanceof Response ? res.status : 200);
const reload = (id: number) => db.select().from(milestones).where(eq(milestones.id, id)).get()!;

function editFields(m: typeof milestones.$inferSelect, overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "update",
    version: String(m.version),
    title: m.title,
    description: m.description,
    forecastDate: m.forecastDate ?? "",
    actualDate: m.actualDate ?? "",
    status: m.status,
    percentComplete: String(m.percentComplete),
    weight: String(m.weight),
    // A re-forecast needs a reason; unused when the forecast stays.
    forecastReason: "Re-planned with the vendor at the weekly review.",
    ...overrides,
  };
}

describe("milestones", () => {
  let ciso: ReturnType<typeof signedIn>;
  let lead: ReturnType<typeof signedIn>;
  let otherLead: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  let othersWs: ReturnType<typeof makeWorkstream>;

  beforeEach(() => {
    ciso = signedIn("ciso_office");
    lead = signedIn("workstream_lead");
    otherLead = signedIn("workstream_lead");
    ws = makeWorkstream({ ownerId: lead.user.id });
    othersWs = makeWorkstream({ ownerId: otherLead.user.id });
  });

  const post = (id: number, fields: Record<string, string | string[]>, cookie: string) =>
    settle(() => milestoneAction(args(postRequest(`/milestones/${id}`, fields, cookie), { id: String(id) }) as never));

  describe("create", () => {
    const valid = (workstreamId: number, code: string) => ({
      workstreamId: String(workstreamId),
      code,
      title: "Vault onboarding wave 3",
      baselineDate: "2025-03-31",
      forecastDate: "2025-04-15",
      status: "not_started",
      percentComplete: "0",
      weight: "2",
    });

    it("stores a valid milestone and audits it", async () => {
      const res = await settle(() => createAction(args(postRequest("/milestones/new", valid(ws.id, "new-m1"), ciso.cookie)) as never));
      expect(status(res)).toBe(302);
      const row = db.select().from(milestones).where(eq(milestones.code, "NEW-M1")).get()!;
      expect(row).toMatchObject({ workstreamId: ws.id, baselineDate: "2025-03-31", forecastDate: "2025-04-15", weight: 2, version: 1 });
      expect((res as Response).headers.get("Location")).toBe(`/milestones/${row.id}`);
      expect(auditFor("milestone.create", row.id)).toHaveLength(1);
    });

    it("refuses invalid input with field errors and stores nothing", async () => {
      const res = await settle(() =>
        createAction(
          args(
            postRequest("/milestones/new", { ...valid(ws.id, "BAD-1"), title: "", percentComplete: "150", baselineDate: "2025-02-30" }, ciso.cookie),
          ) as never,
        ),
      );
      expect(status(res)).toBe(400);
      const { result } = await body(res);
      expect(result.error?.title).toBeTruthy();
      expect(result.error?.percentComplete).toBeTruthy();
      expect(result.error?.baselineDate).toBeTruthy();
      expect(db.select().from(milestones).where(eq(milestones.code, "BAD-1")).get()).toBeUndefined();
    });

    it("refuses a duplicate code beside the code field", async () => {
      makeMilestone(ws.id, { code: "DUP-1" });
      const res = await settle(() => createAction(args(postRequest("/milestones/new", valid(ws.id, "DUP-1"), ciso.cookie)) as never));
      expect(status(res)).toBe(400);
      expect((await body(res)).result.error?.code?.[0]).toMatch(/already exists/);
    });

    it("lets a lead add to their own workstream but not to another lead's (403)", async () => {
      const own = await settle(() => createAction(args(postRequest("/milestones/new", valid(ws.id, "OWN-1"), lead.cookie)) as never));
      expect(status(own)).toBe(302);
      const other = await settle(() => createAction(args(postRequest("/milestones/new", valid(othersWs.id, "OTHER-1"), lead.cookie)) as never));
      expect(status(other)).toBe(403);
      expect(db.select().from(milestones).where(eq(milestones.code, "OTHER-1")).get()).toBeUndefined();
    });
  });

  describe("edit", () => {
    it("re-forecasts, bumps the version and audits before and after", async () => {
      const m = makeMilestone(ws.id, { baselineDate: "2025-06-30" });
      const res = await post(m.id, editFields(m, { forecastDate: "2025-08-15", status: "in_progress", percentComplete: "40" }), lead.cookie);
      expect(status(res)).toBe(302);
      const after = reload(m.id);
      expect(after).toMatchObject({ forecastDate: "2025-08-15", status: "in_progress", percentComplete: 40, version: 2, baselineDate: "2025-06-30" });
      const [event] = auditFor("milestone.update", m.id);
      expect(JSON.parse(event!.before!).forecastDate).toBeNull();
      expect(JSON.parse(event!.after!).forecastDate).toBe("2025-08-15");
    });

    it("never moves the baseline through an edit", async () => {
      const m = makeMilestone(ws.id, { baselineDate: "2025-06-30" });
      await post(m.id, editFields(m, { baselineDate: "2026-01-01" }), ciso.cookie);
      expect(reload(m.id).baselineDate).toBe("2025-06-30");
    });

    it("refuses invalid input with field errors and changes nothing", async () => {
      const m = makeMilestone(ws.id);
      const res = await post(m.id, editFields(m, { status: "done", percentComplete: "60", forecastDate: "soon" }), ciso.cookie);
      expect(status(res)).toBe(400);
      const { result } = await body(res);
      expect(result.error?.actualDate?.[0]).toMatch(/actual date/);
      expect(result.error?.forecastDate).toBeTruthy();
      expect(reload(m.id)).toEqual(m);
      expect(auditFor("milestone.update", m.id)).toHaveLength(0);
    });

    it("refuses a stale version with 409 and shows what the other person changed", async () => {
      const m = makeMilestone(ws.id);
      expect(status(await post(m.id, editFields(m, { forecastDate: "2024-09-30" }), ciso.cookie))).toBe(302);
      const res = await post(m.id, editFields(m, { forecastDate: "2024-12-31", title: "My title" }), lead.cookie);
      expect(status(res)).toBe(409);
      const { conflict } = await body(res);
      expect(conflict?.currentVersion).toBe(2);
      expect(conflict?.changes).toContainEqual({ field: "forecastDate", yours: "2024-12-31", theirs: "2024-09-30" });
      expect(reload(m.id)).toMatchObject({ forecastDate: "2024-09-30", title: m.title, version: 2 });
    });

    it("forbids a lead from editing another lead's milestone (403)", async () => {
      const m = makeMilestone(othersWs.id);
      const res = await post(m.id, editFields(m, { forecastDate: "2030-01-01" }), lead.cookie);
      expect(status(res)).toBe(403);
      expect(reload(m.id).forecastDate).toBeNull();
    });

    it("refuses executives outright", async () => {
      const m = makeMilestone(ws.id);
      expect(status(await post(m.id, editFields(m), signedIn("executive").cookie))).toBe(403);
    });

    it("stores dependencies and refuses a cycle, naming it", async () => {
      const a = makeMilestone(ws.id, { code: "CYC-A" });
      const b = makeMilestone(ws.id, { code: "CYC-B" });
      const c = makeMilestone(ws.id, { code: "CYC-C" });
      makeDependency(b.id, c.id);
      expect(status(await post(c.id, editFields(c, { dependsOn: [String(a.id)] }), ciso.cookie))).toBe(302);
      const res = await post(a.id, editFields(a, { dependsOn: [String(b.id)], title: "Changed" }), ciso.cookie);
      expect(status(res)).toBe(400);
      expect((await body(res)).result.error?.dependsOn?.[0]).toBe("These dependencies would create a cycle: CYC-A → CYC-B → CYC-C → CYC-A.");
      expect(reload(a.id).title).toBe(a.title);
      expect(db.select().from(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, a.id)).all()).toEqual([]);
    });
  });

  describe("complete", () => {
    it("marks it done with its actual date, 100%, and audits it", async () => {
      const m = makeMilestone(ws.id, { baselineDate: "2024-06-30" });
      const res = await post(m.id, { intent: "complete", version: "1", actualDate: "2024-07-05" }, lead.cookie);
      expect(status(res)).toBe(302);
      expect(reload(m.id)).toMatchObject({ status: "done", actualDate: "2024-07-05", percentComplete: 100, version: 2 });
      expect(auditFor("milestone.complete", m.id)).toHaveLength(1);
    });
    it("refuses a missing date and a stale version", async () => {
      const m = makeMilestone(ws.id);
      expect(status(await post(m.id, { intent: "complete", version: "1", actualDate: "" }, lead.cookie))).toBe(400);
      expect(status(await post(m.id, { intent: "complete", version: "7", actualDate: "2024-07-05" }, lead.cookie))).toBe(409);
      expect(reload(m.id).status).toBe("not_started");
    });
    it("forbids another lead", async () => {
      const m = makeMilestone(othersWs.id);
      expect(status(await post(m.id, { intent: "complete", version: "1", actualDate: "2024-07-05" }, lead.cookie))).toBe(403);
    });
  });

  describe("re-baseline", () => {
    it("moves the baseline, keeps the history with its reason and audits it", async () => {
      const m = makeMilestone(ws.id, { baselineDate: "2024-06-30" });
      const reason = "Vendor firmware slipped a quarter; agreed with the sponsor.";
      const res = await post(m.id, { intent: "rebaseline", version: "1", newBaselineDate: "2024-09-30", reason }, ciso.cookie);
      expect(status(res)).toBe(302);
      expect(reload(m.id)).toMatchObject({ baselineDate: "2024-09-30", version: 2 });
      const history = db.select().from(milestoneBaselines).where(eq(milestoneBaselines.milestoneId, m.id)).all();
      expect(history).toEqual([expect.objectContaining({ previousDate: "2024-06-30", newDate: "2024-09-30", reason, changedById: ciso.user.id })]);
      expect(auditFor("milestone.rebaseline", m.id)).toHaveLength(1);
      const page = (await milestoneLoader(args(getRequest(`/milestones/${m.id}`, ciso.cookie), { id: String(m.id) }) as never)) as {
        baselineHistory: unknown[];
      };
      expect(page.baselineHistory).toHaveLength(1);
    });
    it("needs a reason, refuses a stale version, and is not a lead's to make", async () => {
      const m = makeMilestone(ws.id, { baselineDate: "2024-06-30" });
      const noReason = await post(m.id, { intent: "rebaseline", version: "1", newBaselineDate: "2024-09-30", reason: "" }, ciso.cookie);
      expect(status(noReason)).toBe(400);
      expect((await body(noReason)).result.error?.reason).toBeTruthy();
      expect(
        status(await post(m.id, { intent: "rebaseline", version: "3", newBaselineDate: "2024-09-30", reason: "A perfectly good reason" }, ciso.cookie)),
      ).toBe(409);
      expect(
        status(await post(m.id, { intent: "rebaseline", version: "1", newBaselineDate: "2024-09-30", reason: "A perfectly good reason" }, lead.cookie)),
      ).toBe(403);
      expect(reload(m.id).baselineDate).toBe("2024-06-30");
      expect(db.select().from(milestoneBaselines).where(eq(milestoneBaselines.milestoneId, m.id)).all()).toEqual([]);
    });
  });

  describe("list", () => {
    it("filters by overdue, slipped, due within 30/90 days and workstream, showing slip", async () => {
      const day = inDays;
      const w = makeWorkstream({ ownerId: lead.user.id });
      const overdue = makeMilestone(w.id, { baselineDate: day(-20), forecastDate: day(-5), status: "in_progress" });
      const slippedFuture = makeMilestone(w.id, { baselineDate: day(10), forecastDate: day(60) });
      const soon = makeMilestone(w.id, { baselineDate: day(20) });
      const done = makeMilestone(w.id, { baselineDate: day(-40), actualDate: day(-30), status: "done", percentComplete: 100 });
      const load = async (qs: string) =>
        (
          (await listLoader(args(getRequest(`/milestones?workstream=${w.code}&${qs}`, signedIn("executive").cookie)) as never)) as {
            rows: Array<{ id: number; slipDays: number; overdue: boolean }>;
          }
        ).rows;
      expect((await load("")).map((r) => r.id).sort()).toEqual([overdue.id, slippedFuture.id, soon.id, done.id].sort());
      expect((await load("due=overdue")).map((r) => r.id)).toEqual([overdue.id]);
      expect((await load("slipped=1")).map((r) => r.id).sort()).toEqual([overdue.id, slippedFuture.id, done.id].sort());
      expect((await load("due=30")).map((r) => r.id)).toEqual([soon.id]);
      expect((await load("due=90")).map((r) => r.id).sort()).toEqual([slippedFuture.id, soon.id].sort());
      expect((await load("due=nonsense&status=bogus")).length).toBe(4);
      const all = await load("");
      expect(all.find((r) => r.id === slippedFuture.id)).toMatchObject({ slipDays: 50, overdue: false });
      expect(all.find((r) => r.id === overdue.id)).toMatchObject({ slipDays: 15, overdue: true });
      expect(all.find((r) => r.id === done.id)).toMatchObject({ slipDays: 10, overdue: false });
    });
  });
});
