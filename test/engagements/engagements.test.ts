import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverables, engagements, engagementWorkstreams } from "#db/schema";
import { db } from "~/db.server";
import { DollarsSchema } from "~/money/cents";
import { action as detailAction, loader as detailLoader } from "~/routes/engagements.$id._index";
import { action as editAction } from "~/routes/engagements.$id.edit";
import { loader as listLoader } from "~/routes/engagements._index";
import { action as createAction } from "~/routes/engagements.new";
import { loader as csvLoader } from "~/routes/engagements[.csv]";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { auditFor, makeActual, makeCommitment, makeDeliverable, makeEngagement, makeVendor } from "#test/support/delivery-factories";
import { makeProgram } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const status = (res: unknown) => (res instanceof Response ? res.status : 200);

describe("engagements", () => {
  let ciso: ReturnType<typeof signedIn>;
  let vendor: ReturnType<typeof makeVendor>;
  let ws: ReturnType<typeof makeWorkstream>;
  // Spend to date is a money figure, read against the programme's fiscal calendar.
  beforeAll(() => void makeProgram());
  beforeEach(() => {
    ciso = signedIn("ciso_office");
    vendor = makeVendor();
    ws = makeWorkstream();
  });
  const fields = (overrides: Record<string, string | string[]> = {}) => ({
    vendorId: String(vendor.id),
    title: "Incident response retainer",
    kind: "incident_response",
    sowReference: `SOW-${Math.random().toString(36).slice(2, 8)}`,
    startDate: "2021-08-20",
    endDate: "2022-08-19",
    contractValueCents: "1,250,000.50",
    status: "active",
    workstreamIds: [String(ws.id)],
    ...overrides,
  });

  it("parses dollars to cents without floats", () => {
    expect(DollarsSchema.parse("1,250,000.50")).toBe(125_000_050);
    expect(DollarsSchema.parse("$0.1")).toBe(10);
    expect(DollarsSchema.safeParse("12.345").success).toBe(false);
    expect(DollarsSchema.safeParse("-5").success).toBe(false);
  });

  it("creates an engagement linked to workstreams, audited; refuses bad input and a lead", async () => {
    const good = fields();
    const res = await settle(() => createAction(args(postRequest("/engagements/new", good, ciso.cookie)) as never));
    expect(status(res)).toBe(302);
    const row = db
      .select()
      .from(engagements)
      .where(eq(engagements.sowReference, good.sowReference as string))
      .get()!;
    expect(row).toMatchObject({ contractValueCents: 125_000_050, kind: "incident_response" });
    expect(db.select().from(engagementWorkstreams).where(eq(engagementWorkstreams.engagementId, row.id)).all()).toEqual([
      { engagementId: row.id, workstreamId: ws.id },
    ]);
    expect(auditFor("engagement.create", row.id)).toHaveLength(1);

    const bad = await settle(() =>
      createAction(
        args(postRequest("/engagements/new", fields({ contractValueCents: "lots", endDate: "2020-01-01", sowReference: "SOW-BAD" }), ciso.cookie)) as never,
      ),
    );
    expect(status(bad)).toBe(400);
    const { result } = (await (bad as Response).json()) as { result: { error: Record<string, string[]> } };
    expect(Object.keys(result.error)).toContain("contractValueCents");
    const badDates = await settle(() =>
      createAction(args(postRequest("/engagements/new", fields({ endDate: "2020-01-01", sowReference: "SOW-BAD" }), ciso.cookie)) as never),
    );
    expect(status(badDates)).toBe(400);
    expect(Object.keys(((await (badDates as Response).json()) as { result: { error: object } }).result.error)).toEqual(["endDate"]);
    const dup = await settle(() =>
      createAction(args(postRequest("/engagements/new", fields({ sowReference: good.sowReference as string }), ciso.cookie)) as never),
    );
    expect(status(dup)).toBe(400);
    expect(db.select().from(engagements).where(eq(engagements.sowReference, "SOW-BAD")).get()).toBeUndefined();
    expect(status(await settle(() => createAction(args(postRequest("/engagements/new", fields(), signedIn("workstream_lead").cookie)) as never)))).toBe(403);
  });

  it("edits with a version check", async () => {
    const e = makeEngagement({ vendorId: vendor.id });
    const edit = (o: Record<string, string | string[]>) =>
      settle(() =>
        editAction(args(postRequest(`/engagements/${e.id}/edit`, fields({ sowReference: e.sowReference, ...o }), ciso.cookie), { id: String(e.id) }) as never),
      );
    expect(status(await edit({ version: "1", status: "completed" }))).toBe(302);
    expect(db.select().from(engagements).where(eq(engagements.id, e.id)).get()).toMatchObject({ status: "completed", version: 2 });
    expect(auditFor("engagement.update", e.id)).toHaveLength(1);
    expect(status(await edit({ version: "1", status: "terminated" }))).toBe(409);
    expect(db.select().from(engagements).where(eq(engagements.id, e.id)).get()!.status).toBe("completed");
  });

  it("shows spend to date against contract value, and manages deliverables linked to milestones", async () => {
    const e = makeEngagement({ vendorId: vendor.id, contractValueCents: 1_000_000_00 }, [ws.id]);
    makeActual({ workstreamId: ws.id, engagementId: e.id, amountCents: 400_000_00, date: "2022-03-01" });
    makeActual({ workstreamId: ws.id, engagementId: e.id, amountCents: 5_00, date: "2099-01-01" });
    makeCommitment({ workstreamId: ws.id, engagementId: e.id, amountCents: 1_000_000_00, date: "2021-09-01" });
    const data = (await detailLoader(args(getRequest(`/engagements/${e.id}`, signedIn("executive").cookie), { id: String(e.id) }) as never)) as {
      actualCents: number;
      committedCents: number;
    };
    expect(data).toMatchObject({ actualCents: 400_000_00, committedCents: 1_000_000_00 });

    const m = makeMilestone(ws.id);
    const post = (f: Record<string, string>, cookie = ciso.cookie) =>
      settle(() => detailAction(args(postRequest(`/engagements/${e.id}`, f, cookie), { id: String(e.id) }) as never));
    expect(
      status(await post({ intent: "add-deliverable", title: "Forensic report", dueDate: "2021-10-15", status: "pending", milestoneId: String(m.id) })),
    ).toBe(302);
    const d = db.select().from(deliverables).where(eq(deliverables.engagementId, e.id)).get()!;
    expect(d).toMatchObject({ title: "Forensic report", milestoneId: m.id });
    expect(auditFor("deliverable.create", d.id)).toHaveLength(1);
    expect(status(await post({ intent: "add-deliverable", title: "X", dueDate: "nope", status: "accepted" }))).toBe(400);
    const accept = {
      intent: "edit-deliverable",
      deliverableId: String(d.id),
      version: "1",
      title: d.title,
      dueDate: d.dueDate,
      status: "accepted",
      acceptedDate: "2021-10-20",
      milestoneId: String(m.id),
    };
    expect(status(await post(accept))).toBe(302);
    expect(db.select().from(deliverables).where(eq(deliverables.id, d.id)).get()).toMatchObject({ status: "accepted", acceptedDate: "2021-10-20", version: 2 });
    expect(status(await post(accept))).toBe(409);
    expect(status(await post({ ...accept, acceptedDate: "", version: "2" }))).toBe(400);
    expect(status(await post(accept, signedIn("workstream_lead").cookie))).toBe(403);
    const other = makeDeliverable(makeEngagement().id);
    expect(status(await post({ ...accept, deliverableId: String(other.id), version: "1" }))).toBe(404);
  });

  it("filters the list, and the CSV has as many rows", async () => {
    const mine = makeVendor();
    makeEngagement({ vendorId: mine.id, kind: "red_team", status: "completed" }, [ws.id]);
    makeEngagement({ vendorId: mine.id, kind: "advisory" });
    for (const qs of [`?vendor=${mine.id}`, `?vendor=${mine.id}&kind=red_team`, `?workstream=${ws.code}`, "?status=completed", "?kind=bogus"]) {
      const list = (await listLoader(args(getRequest(`/engagements${qs}`, ciso.cookie)) as never)) as { rows: unknown[] };
      const res = (await csvLoader(args(getRequest(`/engagements.csv${qs}`, ciso.cookie)) as never)) as Response;
      expect((parse(await res.text(), { columns: true }) as unknown[]).length, qs).toBe(list.rows.length);
    }
    const list = (await listLoader(args(getRequest(`/engagements?vendor=${mine.id}&kind=red_team`, ciso.cookie)) as never)) as { rows: unknown[] };
    expect(list.rows).toHaveLength(1);
    expect(auditFor("engagement.export").length).toBeGreaterThanOrEqual(5);
  });
});
