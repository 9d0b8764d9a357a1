import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { loader as milestonesApi } from "~/routes/api.v1.milestones";
import { loader as risksApi } from "~/routes/api.v1.risks";
import { loader as workstreamsApi } from "~/routes/api.v1.workstreams";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { args, settle } from "#test/support/requests";
import { TODAY } from "#test/support/today";

type Loader = (a: never) => Promise<unknown>;
type Body = { total: number; count: number; limit: number; nextCursor: string | null; asOf: string; filters: Record<string, unknown>; error?: string };

let token: string;
const ids = (sql: string, ...p: unknown[]) => (db.$client.prepare(sql).all(...p) as Array<{ id: number }>).map((r) => r.id);

async function call(loader: Loader, path: string) {
  const request = new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } });
  const res = (await settle(() => loader(args(request) as never))) as Response;
  return { status: res.status, body: (await res.json()) as Body & Record<string, unknown> };
}

/** Follows nextCursor from the first page to the last, collecting each page's row ids. */
async function walk(loader: Loader, path: string, key: "milestones" | "risks" | "workstreams") {
  const pages: number[][] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const { status, body } = await call(loader, `${path}${sep}limit=7${cursor ? `&cursor=${cursor}` : ""}`);
    expect(status).toBe(200);
    const rows = body[key] as Array<{ id: number }>;
    expect(body.count).toBe(rows.length);
    expect(rows.length).toBeLessThanOrEqual(7);
    totals.add(body.total);
    pages.push(rows.map((r) => r.id));
    cursor = body.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return { pages, seen: pages.flat(), totals: [...totals] };
}

beforeAll(async () => {
  await seedDemo(db, { today: TODAY });
  token = makeApiToken(signedIn("ciso_office").user.id).token;
});

describe("API lists are paged by cursor", () => {
  it("milestones: every row exactly once across pages, in id order, with the total", async () => {
    const expected = ids("select id from milestones order by id");
    expect(expected.length).toBeGreaterThan(14);
    const { pages, seen, totals } = await walk(milestonesApi, "/api/v1/milestones", "milestones");
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected);
    expect(totals).toEqual([expected.length]);
  });

  it("milestones: the filters hold on every page", async () => {
    const expected = ids("select id from milestones where status <> 'cancelled' and coalesce(actual_date, forecast_date) > baseline_date order by id");
    expect(expected.length).toBeGreaterThan(7);
    const { seen, totals } = await walk(milestonesApi, "/api/v1/milestones?slipped=1", "milestones");
    expect(seen).toEqual(expected);
    expect(totals).toEqual([expected.length]);
  });

  it("risks: every row exactly once across pages, in id order, with the total; filters hold", async () => {
    const all = ids("select id from risks order by id");
    expect(all.length).toBeGreaterThan(14);
    const walked = await walk(risksApi, "/api/v1/risks", "risks");
    expect(walked.seen).toEqual(all);
    expect(walked.totals).toEqual([all.length]);
    const open = ids("select id from risks where status = 'open' order by id");
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(all.length);
    const filtered = await walk(risksApi, "/api/v1/risks?status=open", "risks");
    expect(filtered.seen).toEqual(open);
    expect(filtered.totals).toEqual([open.length]);
  });

  it("workstreams: every row exactly once across pages", async () => {
    const expected = ids("select id from workstreams order by id");
    expect(expected.length).toBeGreaterThan(7);
    const { seen, totals } = await walk(workstreamsApi, "/api/v1/workstreams", "workstreams");
    expect(seen).toEqual(expected);
    expect(totals).toEqual([expected.length]);
  });

  it("defaults to 100 rows and keeps asOf", async () => {
    const { status, body } = await call(milestonesApi, `/api/v1/milestones?asOf=${TODAY}`);
    expect(status).toBe(200);
    expect(body.limit).toBe(100);
    expect(body.asOf).toBe(TODAY);
    expect(body.count).toBe(Math.min(100, body.total));
  });

  it.each([
    ["/api/v1/milestones?cursor=not-a-cursor!", /cursor/],
    [`/api/v1/milestones?cursor=${Buffer.from("id:abc").toString("base64url")}`, /cursor is not one this API returned/],
    [`/api/v1/risks?cursor=${Buffer.from("row:12").toString("base64url")}`, /cursor is not one this API returned/],
    ["/api/v1/risks?limit=0", /at least 1/],
    ["/api/v1/risks?limit=501", /at most 500/],
    ["/api/v1/milestones?limit=ten", /whole number/],
  ])("refuses %s with a 400 and the reason", async (path, reason) => {
    const loader = path.includes("risks") ? risksApi : milestonesApi;
    const { status, body } = await call(loader, path);
    expect(status).toBe(400);
    expect(body.error).toMatch(reason);
  });
});
