import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, users } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { revokeApiToken } from "~/auth/api-tokens.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import { loader as budgetApi } from "~/routes/api.v1.budget";
import { loader as milestonesApi } from "~/routes/api.v1.milestones";
import { loader as programApi } from "~/routes/api.v1.program";
import { loader as risksApi } from "~/routes/api.v1.risks";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { args, settle } from "#test/support/requests";
import { TODAY } from "#test/support/today";

const one = (sql: string, ...p: unknown[]) => (db.$client.prepare(sql).get(...p) as { n: number }).n;

type Loader = (a: never) => Promise<unknown>;
async function call(loader: Loader, path: string, token?: string) {
  const request = new Request(`http://localhost:3000${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const res = (await settle(() => loader(args(request) as never))) as Response;
  return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : null };
}

describe("read-only API", () => {
  let token: string;
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    const { user } = signedIn("executive");
    token = makeApiToken(user.id).token;
  });

  it("stores only the token's hash", () => {
    const rows = db.select().from(apiTokens).all();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
  });

  it("answers budget totals equal to independent SQL", async () => {
    const { status, body } = await call(budgetApi, `/api/v1/budget?asOf=${TODAY}`, token);
    expect(status).toBe(200);
    expect(body.totals.actualCents).toBe(one("select coalesce(sum(amount_cents),0) n from actuals where date <= ?", TODAY));
    expect(body.totals.planCents).toBe(one("select coalesce(sum(amount_cents),0) n from budget_lines"));
    const byWorkstream = body.views.workstream.reduce((s: number, r: { figures: { actualCents: number } }) => s + r.figures.actualCents, 0);
    expect(byWorkstream).toBe(body.totals.actualCents);
  });

  it("answers milestone totals equal to independent SQL", async () => {
    const all = await call(milestonesApi, "/api/v1/milestones", token);
    expect(all.body.count).toBe(one("select count(*) n from milestones"));
    const slipped = await call(milestonesApi, "/api/v1/milestones?slipped=1", token);
    expect(slipped.body.count).toBe(
      one("select count(*) n from milestones where status <> 'cancelled' and coalesce(actual_date, forecast_date) > baseline_date"),
    );
  });

  it("answers the risk register", async () => {
    const { body } = await call(risksApi, "/api/v1/risks", token);
    expect(body.count).toBe(one("select count(*) n from risks"));
  });

  it("refuses a missing, malformed, revoked or orphaned token with 401", async () => {
    expect((await call(programApi, "/api/v1/program")).status).toBe(401);
    expect((await call(programApi, "/api/v1/program", "rmp_notarealtokenatallxxxxxxxxxx")).status).toBe(401);
    const { user } = signedIn("ciso_office");
    const t = makeApiToken(user.id);
    expect((await call(programApi, "/api/v1/program", t.token)).status).toBe(200);
    revokeApiToken(user.id, t.id, { actorId: user.id });
    expect((await call(programApi, "/api/v1/program", t.token)).status).toBe(401);
    const other = signedIn("ciso_office").user;
    const t2 = makeApiToken(other.id);
    db.update(users).set({ active: false }).where(eq(users.id, other.id)).run();
    expect((await call(programApi, "/api/v1/program", t2.token)).status).toBe(401);
  });

  it("limits a token to what its owner's role may read", async () => {
    const { user } = signedIn("board");
    const t = makeApiToken(user.id);
    expect((await call(programApi, "/api/v1/program", t.token)).status).toBe(403);
    expect((await call(budgetApi, "/api/v1/budget", t.token)).status).toBe(403);
  });

  it("cannot revoke another user's token", () => {
    const a = signedIn("executive").user;
    const b = signedIn("executive").user;
    const t = makeApiToken(a.id);
    expect(revokeApiToken(b.id, t.id, { actorId: b.id })).toBe(false);
  });
});
