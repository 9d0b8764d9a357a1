import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action, loader } from "~/routes/budget.spend";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeCommitment, makeProgram } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

type Reply = { data: { result: { error?: Record<string, string[]> }; conflict: { changes: Array<{ field: string }> } | null }; init: { status: number } };
const base = {
  kind: "actual",
  reference: "INV-H-1",
  date: "2024-05-02",
  amount: "12,500.10",
  workstream: "WS-05",
  category: "tooling",
  costClass: "capex",
  tags: "settlement, fcc-decree",
};

describe("single commitments and actuals", () => {
  let cookie: string;
  beforeAll(() => {
    makeProgram();
    const ws = makeWorkstream({ code: "WS-05" });
    makeCommitment(ws.id, { reference: "PO-EXISTING" });
    cookie = signedIn("ciso_office").cookie;
  });
  const post = (fields: Record<string, string>) => settle(() => action(args(postRequest("/budget/spend", fields, cookie)) as never));

  it("creates an actual in cents with its tags, audited", async () => {
    expect(((await post(base)) as Response).status).toBe(302);
    const row = db.$client.prepare("select id, amount_cents a, version from actuals where reference = 'INV-H-1'").get() as {
      id: number;
      a: number;
      version: number;
    };
    expect(row.a).toBe(1_250_010);
    expect(db.$client.prepare("select tag from actual_tags where actual_id = ? order by tag").all(row.id)).toEqual([
      { tag: "fcc-decree" },
      { tag: "settlement" },
    ]);
    expect(db.$client.prepare("select count(*) n from audit_events where action = 'actual.create'").get()).toEqual({ n: 1 });
  });

  it("edits with the version, and answers 409 when it is stale", async () => {
    const row = db.$client.prepare("select id, version from actuals where reference = 'INV-H-1'").get() as { id: number; version: number };
    const data = (await loader(args(getRequest(`/budget/spend?edit=actual:${row.id}`, cookie)) as never)) as { editing: { amountCents: number } };
    expect(data.editing.amountCents).toBe(1_250_010);
    const edit = { ...base, id: String(row.id), version: String(row.version), amount: "13000", tags: "settlement" };
    expect(((await post(edit)) as Response).status).toBe(302);
    expect(db.$client.prepare("select count(*) n from actual_tags where actual_id = ?").get(row.id)).toEqual({ n: 1 });
    const stale = (await post({ ...edit, amount: "1.00" })) as unknown as Reply;
    expect(stale.init.status).toBe(409);
    expect(stale.data.conflict!.changes.map((c) => c.field)).toEqual(["amountCents"]);
  });

  it("refuses a duplicate reference and an unknown workstream next to the field", async () => {
    const dup = (await post({ ...base, kind: "commitment", reference: "PO-EXISTING" })) as unknown as Reply;
    expect(dup.init.status).toBe(400);
    expect(dup.data.result.error?.reference?.[0]).toMatch(/already has reference/);
    const ws = (await post({ ...base, reference: "INV-H-2", workstream: "WS-99" })) as unknown as Reply;
    expect(ws.data.result.error?.workstream?.[0]).toMatch(/No workstream/);
  });
});
