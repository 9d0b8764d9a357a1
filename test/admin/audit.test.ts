import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { ROLES } from "#db/schema/enums";
import { writeAudit } from "~/audit/log.server";
import { verifyAuditChain } from "~/audit/verify.server";
import { db } from "~/db.server";
import * as auditPage from "~/routes/admin.audit";
import * as auditCsv from "~/routes/admin.audit[.csv]";
import { makeUser, signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";
import { outcome } from "./outcome";
import { inDays, TODAY } from "#test/support/today";

const root = path.resolve(import.meta.dirname, "../..");
const today = TODAY;
const dayOffset = inDays;

let viewer: ReturnType<typeof signedIn>;
let bob: ReturnType<typeof makeUser>;

const page = (query = "") => outcome(() => auditPage.loader(args(getRequest(`/admin/audit${query}`, viewer.cookie))));
const csv = (query = "") => outcome<string>(() => auditCsv.loader(args(getRequest(`/admin/audit.csv${query}`, viewer.cookie))));
const csvRecords = (text: string): Array<Record<string, string>> => parse(text, { columns: true });
const ids = (events: Array<{ id: number }>) => events.map((e) => e.id);
const follow = (href: string) => page(href.replace(/^\/admin\/audit/, ""));

beforeAll(() => {
  viewer = signedIn("admin");
  bob = makeUser({ role: "ciso_office", name: "Bob Builder" });
  for (let i = 1; i <= 3; i++) {
    writeAudit(
      db,
      { actorId: bob.id, ip: "10.0.0.7", requestId: `req-${i}` },
      { action: "risk.update", entity: "risk", entityId: 7, before: { score: i }, after: { score: i + 1 } },
    );
  }
  for (const role of ["executive", "board"]) {
    writeAudit(
      db,
      { actorId: viewer.user.id },
      { action: "user.role_change", entity: "user", entityId: bob.id, before: { role: "ciso_office" }, after: { role } },
    );
  }
  writeAudit(db, { actorId: null, ip: "203.0.113.9" }, { action: "auth.login_failed", entity: "user", after: { email: "nobody@test.example" } });
  for (let i = 0; i < 120; i++) writeAudit(db, { actorId: viewer.user.id }, { action: "bulk.ping", entity: "test", entityId: i });
  const formulaName = makeUser({ name: '=HYPERLINK("http://evil.example","click")' });
  writeAudit(db, { actorId: formulaName.id }, { action: "csv.probe", entity: "test", entityId: "-1+1" });
});

describe("the audit trail page", () => {
  it("lists events newest first with actor, entity, IP, request id and a compact diff", async () => {
    const res = await page("?action=risk.update");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const [newest] = res.body.events;
    expect(newest).toMatchObject({ action: "risk.update", actorName: "Bob Builder", entity: "risk", entityId: "7", ip: "10.0.0.7", requestId: "req-3" });
    expect(newest.diff).toEqual([{ field: "score", before: "3", after: "4" }]);
    expect(newest).not.toHaveProperty("before");
    expect(ids(res.body.events)).toEqual([...ids(res.body.events)].sort((a, b) => b - a));
  });

  it("filters by action, entity, entity id, actor and date range", async () => {
    expect((await page(`?entity=user&entityId=${bob.id}`)).body.total).toBe(2);
    expect((await page(`?actor=${bob.id}`)).body.total).toBe(3);
    expect((await page(`?actor=${bob.id}&entity=risk&entityId=7&action=risk.update`)).body.total).toBe(3);
    const system = await page("?actor=system");
    expect(system.body.events.map((e: { action: string }) => e.action)).toEqual(["auth.login_failed"]);
    expect((await page(`?action=risk.update&from=${today}&to=${today}`)).body.total).toBe(3);
    expect((await page(`?action=risk.update&from=${dayOffset(1)}`)).body.total).toBe(0);
    expect((await page(`?action=risk.update&to=${dayOffset(-1)}`)).body.total).toBe(0);
  });

  it("ignores bad query values with a reason each, never failing", async () => {
    const res = await page("?action=risk.update&actor=abc&from=2024-13-45&entityId=a%20b&before=-1&to=");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.notices).toEqual([
      'Ignored entityId="a b": use letters, digits and . : @ _ - only.',
      'Ignored actor="abc": use a user number or system.',
      'Ignored from="2024-13-45": use a date like 2026-01-31.',
      'Ignored before="-1": use an event number.',
    ]);
    const reversed = await page(`?action=risk.update&from=${today}&to=${dayOffset(-2)}`);
    expect(reversed.body.total).toBe(3);
    expect(reversed.body.notices).toEqual([`Ignored to="${dayOffset(-2)}": is before from (${today}).`]);
  });

  it("pages through events by keyset, 50 at a time, both ways", async () => {
    const first = await page("?action=bulk.ping");
    expect(first.body.total).toBe(120);
    expect(first.body.events).toHaveLength(50);
    expect(first.body.newerHref).toBeNull();
    const second = await follow(first.body.olderHref);
    expect(second.body.events).toHaveLength(50);
    expect(Math.max(...ids(second.body.events))).toBeLessThan(Math.min(...ids(first.body.events)));
    const third = await follow(second.body.olderHref);
    expect(third.body.events).toHaveLength(20);
    expect(third.body.olderHref).toBeNull();
    expect(ids((await follow(third.body.newerHref)).body.events)).toEqual(ids(second.body.events));
    expect(ids((await follow(second.body.newerHref)).body.events)).toEqual(ids(first.body.events));
  });

  it("shows the chain verification result", async () => {
    const res = await page();
    expect(res.body.chain).toEqual({ ok: true, count: expect.any(Number) });
  });
});

describe("the CSV export", () => {
  it("has one data row per event of the filtered list, and is itself audited", async () => {
    for (const query of ["?action=risk.update", "?action=bulk.ping", `?entity=user&entityId=${bob.id}`, `?actor=${bob.id}&from=${today}`]) {
      const list = await page(query);
      const res = await csv(query);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="rampart-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(csvRecords(res.body)).toHaveLength(list.body.total);
    }
    const records = csvRecords((await csv("?action=risk.update")).body);
    expect(records[0]).toMatchObject({ action: "risk.update", actor_name: "Bob Builder", entity: "risk", entity_id: "7", ip: "10.0.0.7", request_id: "req-3" });
    expect(JSON.parse(records[0]!.after!)).toEqual({ score: 4 });

    const exports = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "audit.export"), eq(auditEvents.actorId, viewer.user.id)))
      .all();
    expect(exports.length).toBeGreaterThanOrEqual(5);
    expect(JSON.parse(exports.at(-1)!.after!)).toEqual({ filter: { action: "risk.update" }, rows: 3 });
  });

  it("defuses cells a spreadsheet would run as formulas", async () => {
    const [record] = csvRecords((await csv("?action=csv.probe")).body);
    expect(record!.actor_name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(record!.entity_id).toBe("'-1+1");
  });

  it("refuses a bad filter with 400 and a reason rather than exporting more than was asked", async () => {
    const exportsTaken = () => db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "audit.export")).get()!.n;
    const before = exportsTaken();
    const res = await csv("?action=risk.update&from=yesterday");
    expect(res.status).toBe(400);
    expect(res.body).toBe('Nothing exported. Invalid from="yesterday": use a date like 2026-01-31.');
    expect(exportsTaken()).toBe(before);
  });
});

describe("access", () => {
  for (const role of ROLES.filter((r) => r !== "admin")) {
    it(`refuses ${role} with 403 on the page and the export`, async () => {
      const { cookie } = signedIn(role);
      expect((await outcome(() => auditPage.loader(args(getRequest("/admin/audit", cookie))))).status).toBe(403);
      expect((await outcome(() => auditCsv.loader(args(getRequest("/admin/audit.csv", cookie))))).status).toBe(403);
    });
  }
});

// Last in the file: it breaks this file's chain on purpose.
describe("tampering", () => {
  const verifyWithCli = () =>
    spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", "audit:verify"], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("an altered event fails verification, on the page and in `audit:verify`, which names it", async () => {
    const intact = verifyWithCli();
    expect(intact.stderr).toBe("");
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^Audit trail intact: \d+ events verified\.$/m);

    const victim = db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "risk.update")).limit(1).get()!.id;
    // What an attacker with the database file could do: lift the append-only trigger and rewrite history.
    const raw = new Database(process.env.DATABASE_PATH!);
    try {
      raw.exec("DROP TRIGGER audit_events_no_update");
      raw.prepare("UPDATE audit_events SET action = 'risk.view' WHERE id = ?").run(victim);
    } finally {
      raw.close();
    }

    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenId: victim });
    const broken = verifyWithCli();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`Audit trail broken at event ${victim}:`);
    expect(broken.stderr).toMatch(/altered/);

    const res = await page();
    expect(res.body.chain).toMatchObject({ ok: false, brokenId: victim });
  });
});
