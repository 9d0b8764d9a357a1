import { describe, expect, it } from "vitest";
import { createSetupToken, needsFirstAdmin } from "~/auth/setup.server";
import { db } from "~/db.server";
import { action, loader } from "~/routes/setup";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;

describe("first administrator set-up", () => {
  it("is open only with a valid one-time token while no administrator can sign in", async () => {
    expect(needsFirstAdmin(db)).toBe(true);
    const bad = (await settle(() => loader(args(getRequest("/setup?token=nope")) as never))) as Response;
    expect(bad.status).toBe(404);
    const token = createSetupToken(db);
    expect(count("select count(*) n from setup_tokens where token_hash = '" + token + "'")).toBe(0);
    expect(await loader(args(getRequest(`/setup?token=${token}`)) as never)).toEqual({ token });
  });

  it("refuses a common password with a field error and creates nothing", async () => {
    const token = createSetupToken(db);
    const res = (await action(args(postRequest("/setup", { token, name: "Ada", email: "ada@example.com", password: "password123456" })) as never)) as Response;
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/too common/);
    expect(count("select count(*) n from users")).toBe(0);
  });

  it("creates the administrator once, signs them in, and closes", async () => {
    const token = createSetupToken(db);
    const fields = { token, name: "Ada Admin", email: "Ada@Example.com", password: "granite meadow signal 77" };
    const res = (await action(args(postRequest("/setup", fields)) as never)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/rampart_session=/);
    expect(count("select count(*) n from users where role = 'admin' and email = 'ada@example.com'")).toBe(1);
    expect(count("select count(*) n from setup_tokens where used_at is not null")).toBe(1);
    expect(needsFirstAdmin(db)).toBe(false);
    const again = (await settle(() => action(args(postRequest("/setup", { ...fields, email: "eve@example.com" })) as never))) as Response;
    expect(again.status).toBe(404);
    const other = createSetupToken(db);
    const closed = (await settle(() => loader(args(getRequest(`/setup?token=${other}`)) as never))) as Response;
    expect(closed.status).toBe(404);
    expect(count("select count(*) n from users")).toBe(1);
  });
});
