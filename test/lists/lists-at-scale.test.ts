/**
 * Every list, through its real loader, over the demo programme ×3 (more rows
 * than a page everywhere): page 2 of 25, sorted descending, searched. The
 * expected rows come from the base tables filtered and ordered in memory, not
 * from the list's SQL.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedScale } from "#db/seed/scale";
import { db } from "~/db.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { loader as budgetLoader } from "~/routes/budget._index";
import { loader as spendLoader } from "~/routes/budget.spend";
import { loader as engagementsLoader } from "~/routes/engagements._index";
import { loader as milestonesLoader } from "~/routes/milestones._index";
import { loader as risksLoader } from "~/routes/risks._index";
import { loader as workstreamsLoader } from "~/routes/workstreams._index";
import { todayIso } from "~/time/today.server";
import { makeUser, signedIn } from "#test/support/factories";
import { makeEngagement, makeVendor } from "#test/support/money-factories";
import { args, getRequest, settle } from "#test/support/requests";

let admin: ReturnType<typeof signedIn>;
const get = async <T>(loader: (a: ReturnType<typeof args>) => Promise<T>, path: string) => (await loader(args(getRequest(path, admin.cookie)))) as Awaited<T>;
const all = <T>(query: string) => db.all<T>(sql.raw(query));
const contains = (q: string, ...texts: Array<string | null>) => texts.some((t) => (t ?? "").toLowerCase().includes(q.toLowerCase()));
/** Code order written out independently: the number after the prefix, then the text. */
const codeNumber = (code: string) => Number(code.replace(/^[A-Z]+-/, ""));
const page2of25 = <T>(rows: T[]) => rows.slice(25, 50);

beforeAll(async () => {
  await seedScale(db, { factor: 3, today: todayIso(), auditEvents: 400 });
  admin = signedIn("admin");
}, 120_000);

describe("lists at three times the demo", () => {
  it("workstreams: page 2 of 25, numeric code order descending (WS-0011 above WS-09), searched, filter kept", async () => {
    // 27 workstreams at ×3: the demo's WS-01…WS-09 and the copies' WS-0011…WS-0029, whose text order is the other way round.
    const q = "ws-";
    const expected = all<{ code: string; name: string; objective: string; lifecycle: string }>(
      `select code, name, objective, lifecycle_status as lifecycle from workstreams`,
    )
      .filter((w) => contains(q, w.code, w.name, w.objective))
      .sort((a, b) => codeNumber(b.code) - codeNumber(a.code) || (a.code < b.code ? 1 : -1));
    expect(expected.length).toBeGreaterThan(25);
    const d = await get(workstreamsLoader, `/workstreams?page=2&size=25&sort=code&dir=desc&q=${q}`);
    expect(d.view).toMatchObject({ page: 2, size: 25, total: expected.length, first: 26 });
    expect(d.rows.map((r) => r.code)).toEqual(page2of25(expected).map((w) => w.code));
    // WS-0100 before WS-99 descending: numbers, not text.
    expect(d.rows.map((r) => r.code)).toEqual(["WS-02", "WS-01"]);
    const searched = await get(workstreamsLoader, `/workstreams?q=identity`);
    expect(searched.rows.map((r) => r.code)).toEqual(["WS-04", "WS-07", "WS-0014", "WS-0017", "WS-0024", "WS-0027"]);

    const active = expected.filter((w) => w.lifecycle === "active");
    expect(active.length).toBeGreaterThan(0);
    const filtered = await get(workstreamsLoader, `/workstreams?lifecycle=active&size=25&sort=code&dir=desc&q=${q}`);
    expect(filtered.view.total).toBe(active.length);
    expect(filtered.rows.map((r) => r.code)).toEqual(active.slice(0, 25).map((w) => w.code));
    expect(filtered.filters.lifecycle).toBe("active");
  });

  it("milestones: page 2 of 25 by code descending (workstream number, then the milestone's), searched", async () => {
    // The copies' milestones (M-WS0011-01…): 160 of the 240.
    const q = "m-ws00";
    const expected = all<{ code: string; title: string; description: string; ws: string }>(
      `select m.code, m.title, m.description, w.code as ws from milestones m join workstreams w on w.id = m.workstream_id`,
    )
      .filter((m) => contains(q, m.code, m.title, m.description))
      .sort((a, b) => codeNumber(b.ws) - codeNumber(a.ws) || b.code.length - a.code.length || (a.code < b.code ? 1 : -1));
    expect(expected.length).toBeGreaterThan(50);
    const d = await get(milestonesLoader, `/milestones?page=2&size=25&sort=code&dir=desc&q=${q}`);
    expect(d.view).toMatchObject({ page: 2, total: expected.length, first: 26, last: 50 });
    expect(d.rows.map((r) => r.code)).toEqual(page2of25(expected).map((m) => m.code));
  });

  it("risks: page 2 of 25 by code descending (R-99 after R-100), searched, with the register's other filter", async () => {
    const q = "a";
    const expected = all<{ code: string; title: string; description: string; status: string }>(`select code, title, description, status from risks`)
      .filter((r) => contains(q, r.code, r.title, r.description))
      .sort((a, b) => codeNumber(b.code) - codeNumber(a.code));
    expect(expected.length).toBeGreaterThan(25);
    const d = await get(risksLoader, `/risks?page=2&size=25&sort=code&dir=desc&q=${q}`);
    expect(d.view).toMatchObject({ page: 2, total: expected.length });
    expect(d.rows.map((r) => r.code)).toEqual(page2of25(expected).map((r) => r.code));
    const customer = all<{ code: string; title: string; description: string }>(`select code, title, description from risks`).filter((r) =>
      contains("customer", r.code, r.title, r.description),
    );
    expect(customer.length).toBeLessThan(all(`select id from risks`).length);
    expect((await get(risksLoader, `/risks?q=customer&size=200`)).rows.map((r) => r.code).sort()).toEqual(customer.map((r) => r.code).sort());
    const open = expected.filter((r) => r.status === "open");
    const filtered = await get(risksLoader, `/risks?status=open&size=25&sort=code&dir=desc&q=${q}`);
    expect(filtered.view.total).toBe(open.length);
    expect(filtered.rows.map((r) => r.code)).toEqual(open.slice(0, 25).map((r) => r.code));
  });

  it("engagements: page 2 of 25 by contract value descending, searched", async () => {
    // The generator does not copy engagements (10 in the demo): 40 more, half of them matching the search.
    const vendor = makeVendor({ name: "Listing Partners" });
    for (let i = 0; i < 40; i++)
      makeEngagement(vendor.id, { title: i % 2 ? `Lists uplift ${i}` : `Other work ${i}`, sowReference: `SOW-L-${i}`, contractValueCents: (i + 1) * 100_000 });
    const q = "uplift";
    const expected = all<{ title: string; sow: string; vendor: string; contract: number }>(
      `select e.title, e.sow_reference as sow, v.name as vendor, e.contract_value_cents as contract from engagements e join vendors v on v.id = e.vendor_id`,
    )
      .filter((e) => contains(q, e.title, e.sow, e.vendor))
      .sort((a, b) => b.contract - a.contract);
    // The 20 made here, and any of the demo's that mention an uplift.
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect(expected.length).toBeLessThan(25);
    const d = await get(engagementsLoader, `/engagements?page=2&size=25&sort=contract&dir=desc&q=${q}`);
    // Page 2 of one page is the last page: the first.
    expect(d.view).toMatchObject({ page: 1, first: 1, last: expected.length });
    expect(d.view.total).toBe(expected.length);
    expect(d.rows.map((r) => r.contractValueCents)).toEqual(expected.map((e) => e.contract));
    const page2 = await get(engagementsLoader, `/engagements?page=2&size=25&sort=contract&dir=desc`);
    expect(page2.view.total).toBe(50);
    expect(page2.rows).toHaveLength(25);
  });

  it("users: page 2 of 25 by email descending, searched on name or email", async () => {
    for (let i = 0; i < 60; i++) makeUser({ name: `Lister ${i}`, email: `lister${String(i).padStart(2, "0")}@lists.example` });
    const q = "lists.example";
    const expected = all<{ email: string }>(`select email from users`)
      .filter((u) => contains(q, u.email))
      .map((u) => u.email)
      .sort()
      .reverse();
    const d = await get(usersLoader, `/admin/users?page=2&size=25&sort=email&dir=desc&q=${q}`);
    expect(d.view).toMatchObject({ total: 60, page: 2 });
    expect(d.users.map((u) => u.email)).toEqual(page2of25(expected));
  });

  it("audit: a page of 25 with its place in the trail, searched, the size kept in its links", async () => {
    const q = "risk.";
    const expected = all<{ id: number; action: string; entity: string; entityId: string | null }>(
      `select id, action, entity, entity_id as entityId from audit_events order by id desc`,
    ).filter((e) => contains(q, e.action, e.entity, e.entityId));
    expect(expected.length).toBeGreaterThan(50);
    const first = await get(auditLoader, `/admin/audit?size=25&q=${q}`);
    expect(first.total).toBe(expected.length);
    expect(first.olderHref).toContain("size=25");
    expect(first.olderHref).toContain("q=risk.");
    const second = await get(auditLoader, first.olderHref!);
    expect(second).toMatchObject({ first: 26, last: 50 });
    expect(second.events.map((e) => e.id)).toEqual(page2of25(expected).map((e) => e.id));
  });

  it("budget: the commitments on /budget/spend and the invoices of a drill-down cell, a page at a time", async () => {
    const commitments = all<{ amount: number }>(`select amount_cents as amount from commitments order by amount_cents desc`);
    expect(commitments.length).toBeGreaterThan(50);
    const spend = await get(spendLoader, `/budget/spend?commitments-page=2&commitments-size=25&commitments-sort=amount&commitments-dir=desc`);
    expect(spend.lists.commitments.view).toMatchObject({ page: 2, total: commitments.length });
    expect(spend.lists.commitments.rows.map((r) => r.amountCents)).toEqual(page2of25(commitments).map((c) => c.amount));
    // The other list on the page keeps its own first page.
    expect(spend.lists.actuals.view.page).toBe(1);

    const cell = all<{ fy: number; ws: string }>(
      `select 0 as fy, w.code as ws from actuals a join workstreams w on w.id = a.workstream_id group by w.code order by count(*) desc limit 1`,
    )[0]!;
    const res = await settle(() => get(budgetLoader, `/budget?fy=2024&q=1&ws=${cell.ws}&actuals-size=25&actuals-sort=amount&actuals-dir=desc`));
    expect(res).not.toBeInstanceOf(Response);
    const d = res as Awaited<ReturnType<typeof budgetLoader>>;
    expect(d.level).toBe("actuals");
    expect(d.actualView?.size).toBe(25);
    const amounts = d.actualRows.map((r) => r.amountCents);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it("answers a search over 200 characters with a 400 that says why, on every list", async () => {
    for (const [loader, path] of [
      [workstreamsLoader, "/workstreams"],
      [milestonesLoader, "/milestones"],
      [risksLoader, "/risks"],
      [engagementsLoader, "/engagements"],
      [usersLoader, "/admin/users"],
      [auditLoader, "/admin/audit"],
    ] as const) {
      const res = await settle(() => (loader as (a: unknown) => Promise<unknown>)(args(getRequest(`${path}?q=${"x".repeat(201)}`, admin.cookie))));
      expect(res, path).toBeInstanceOf(Response);
      expect((res as Response).status, path).toBe(400);
    }
  });
});
