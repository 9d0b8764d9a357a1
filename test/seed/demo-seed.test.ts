import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "#db/connection";
import { migrateDatabase } from "#db/migrate";
import { seedDemo, type DemoCredential } from "#db/seed/demo";
import { pastQuarters } from "#db/seed/demo/board-reports";
import { boardReports } from "#db/schema";
import { verifyContentHash } from "~/board/freeze.server";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { verifyPassword } from "~/auth/password.server";
import { addDays } from "~/money/fiscal";

const TODAY = "2026-11-24";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-demo-seed-"));
const opened: Db[] = [];

async function freshSeed(name: string, today: string) {
  const db = openDatabase(path.join(dir, `${name}.db`));
  opened.push(db);
  migrateDatabase(db);
  const result = await seedDemo(db, { today });
  return { db, ...result };
}

const all = <T>(db: Db, query: string) => db.all<T>(sql.raw(query));
const one = <T>(db: Db, query: string) => db.get<T>(sql.raw(query));

let main: { db: Db; credentials: DemoCredential[]; counts: Record<string, number> };
let twin: { db: Db; credentials: DemoCredential[]; counts: Record<string, number> };

beforeAll(async () => {
  main = await freshSeed("main", TODAY);
  twin = await freshSeed("twin", TODAY);
}, 60_000);

afterAll(() => {
  for (const db of opened) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`demo seed (today = ${TODAY})`, () => {
  it("seeds a programme of realistic size", () => {
    const { db, counts } = main;
    expect(counts.workstreams).toBeGreaterThanOrEqual(8);
    expect(counts.workstreams).toBeLessThanOrEqual(10);
    expect(counts.milestones).toBeGreaterThanOrEqual(60);
    expect(counts.milestones).toBeLessThanOrEqual(80);
    expect(counts.risks).toBeGreaterThanOrEqual(25);
    expect(counts.risks).toBeLessThanOrEqual(32);
    const vendors = all<{ name: string; n: number }>(
      db,
      "select v.name, count(e.id) as n from vendors v join engagements e on e.vendor_id = v.id group by v.name",
    );
    for (const name of ["Mandiant", "KPMG", "Accenture"]) expect(vendors.find((v) => v.name === name)?.n ?? 0).toBeGreaterThan(0);
    const plan = one<{ v: number }>(db, "select sum(amount_cents) as v from budget_lines").v;
    expect(plan).toBeGreaterThanOrEqual(45_000_000_000);
    expect(plan).toBeLessThanOrEqual(60_000_000_000);
  });

  it("returns one credential per role, with a strong password that verifies", async () => {
    const { db, credentials } = main;
    expect(credentials.map((c) => c.role)).toEqual(["admin", "ciso_office", "workstream_lead", "executive", "board"]);
    for (const c of credentials) {
      expect(c.password.length).toBeGreaterThanOrEqual(20);
      expect(c.email).toBe(c.email.toLowerCase());
    }
    const first = credentials[0] as DemoCredential;
    const row = one<{ password_hash: string }>(db, `select password_hash from users where email = '${first.email}'`);
    expect(await verifyPassword(row.password_hash, first.password)).toBe(true);
    expect(one<{ n: number }>(db, "select count(*) as n from users where password_hash is not null").n).toBe(5);
    expect(one<{ n: number }>(db, "select count(*) as n from users where email <> lower(email)").n).toBe(0);
    expect(main.credentials.map((c) => c.password)).not.toEqual(twin.credentials.map((c) => c.password));
  });

  it("has slipped and re-baselined milestones, and only a few overdue ones", () => {
    const { db } = main;
    const slipped = one<{ n: number }>(
      db,
      "select count(*) as n from milestones where status <> 'cancelled' and coalesce(actual_date, forecast_date) > baseline_date",
    ).n;
    expect(slipped).toBeGreaterThanOrEqual(8);
    const rebaselined = all<{ id: number; baseline_date: string; last: string }>(
      db,
      "select m.id, m.baseline_date, (select new_date from milestone_baselines b where b.milestone_id = m.id order by b.id desc limit 1) as last from milestones m where exists (select 1 from milestone_baselines b where b.milestone_id = m.id)",
    );
    expect(rebaselined.length).toBeGreaterThanOrEqual(3);
    for (const m of rebaselined) expect(m.baseline_date).toBe(m.last);
    const overdue = one<{ n: number }>(
      db,
      `select count(*) as n from milestones where status in ('not_started', 'in_progress') and forecast_date < '${TODAY}'`,
    ).n;
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(overdue).toBeLessThanOrEqual(5);
    // Dependencies point to milestones that finish first, so there is no cycle.
    const backwards = one<{ n: number }>(
      db,
      "select count(*) as n from milestone_dependencies d join milestones a on a.id = d.milestone_id join milestones b on b.id = d.depends_on_id where coalesce(b.actual_date, b.forecast_date) > coalesce(a.actual_date, a.forecast_date)",
    ).n;
    expect(backwards).toBe(0);
  });

  it("records nothing as done, submitted, spent, committed, assessed or published after today", () => {
    const { db } = main;
    const checks = [
      `select count(*) as n from milestones where actual_date > '${TODAY}' or (status = 'done' and actual_date is null)`,
      `select count(*) as n from status_reports where submitted_at > '${TODAY}T23:59:59.999Z' or (state = 'submitted') <> (submitted_at is not null)`,
      `select count(*) as n from actuals where date > '${TODAY}'`,
      `select count(*) as n from commitments where date > '${TODAY}'`,
      `select count(*) as n from risk_assessments where assessed_on > '${TODAY}'`,
      `select count(*) as n from board_reports where published_at > '${TODAY}T23:59:59.999Z' or approved_at > '${TODAY}T23:59:59.999Z'`,
      `select count(*) as n from deliverables where accepted_date > '${TODAY}' or (status = 'accepted') <> (accepted_date is not null)`,
      `select count(*) as n from milestone_baselines where created_at > '${TODAY}T23:59:59.999Z'`,
    ];
    for (const q of checks) expect(one<{ n: number }>(db, q).n, q).toBe(0);
    const tables = all<{ name: string }>(
      db,
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name <> 'audit_events'",
    );
    for (const { name } of tables) {
      const columns = all<{ name: string }>(db, `pragma table_info(${name})`).map((c) => c.name);
      for (const col of ["created_at", "updated_at"].filter((c) => columns.includes(c))) {
        expect(one<{ n: number }>(db, `select count(*) as n from ${name} where ${col} > '${TODAY}T23:59:59.999Z'`).n, `${name}.${col}`).toBe(0);
      }
    }
  });

  it("keeps money in integer cents and meets both spend promises", () => {
    const { db } = main;
    for (const [table, col] of [
      ["budget_lines", "amount_cents"],
      ["actuals", "amount_cents"],
      ["commitments", "amount_cents"],
      ["engagements", "contract_value_cents"],
    ]) {
      expect(one<{ n: number }>(db, `select count(*) as n from ${table} where typeof(${col}) <> 'integer'`).n).toBe(0);
    }
    const settlement = one<{ v: number }>(
      db,
      "select sum(a.amount_cents) as v from actuals a join actual_tags t on t.actual_id = a.id where t.tag = 'settlement' and a.date between '2022-01-01' and '2023-12-31'",
    ).v;
    expect(settlement).toBeGreaterThanOrEqual(15_000_000_000);
    expect(settlement).toBeLessThan(15_500_000_000);
    const fcc = one<{ v: number; early: number }>(
      db,
      "select sum(a.amount_cents) as v, min(a.date) < '2024-10-01' as early from actuals a join actual_tags t on t.actual_id = a.id where t.tag = 'fcc-decree'",
    );
    expect(fcc.v).toBeGreaterThanOrEqual(1_575_000_000);
    expect(fcc.early).toBe(0);
    const statuses = all<{ code: string; status: string }>(db, "select code, status from obligations where kind = 'spend' order by code");
    expect(statuses).toEqual([
      { code: "OB-01", status: "met" },
      { code: "OB-02", status: "met" },
    ]);
  });

  it("overspends one or two workstreams by more than 10% against plan to date", () => {
    const snapshot = buildQuarterSnapshot(main.db, "FY2026-Q4", TODAY);
    const over = snapshot.workstreams.filter((w) => w.actualToDateCents * 10 > w.planToDateCents * 11);
    expect(over.length).toBeGreaterThanOrEqual(1);
    expect(over.length).toBeLessThanOrEqual(2);
  });

  it("keeps each risk's current score equal to its latest assessment", () => {
    const mismatches = all<{ code: string }>(
      main.db,
      `select r.code from risks r join risk_assessments a on a.id = (
         select a2.id from risk_assessments a2 where a2.risk_id = r.id order by a2.assessed_on desc, a2.id desc limit 1)
       where a.likelihood <> r.current_likelihood or a.impact <> r.current_impact`,
    );
    expect(mismatches).toEqual([]);
    const unassessed = one<{ n: number }>(
      main.db,
      "select count(*) as n from risks r where not exists (select 1 from risk_assessments a where a.risk_id = r.id)",
    ).n;
    expect(unassessed).toBe(0);
    const acceptances = all<{ state: string; expired: number }>(main.db, `select state, expires_on < '${TODAY}' as expired from risk_acceptances order by id`);
    expect(acceptances).toEqual([
      { state: "approved", expired: 0 },
      { state: "approved", expired: 1 },
      { state: "requested", expired: 0 },
    ]);
    const overdueReviews = one<{ n: number }>(main.db, `select count(*) as n from risks where next_review_date < '${TODAY}'`).n;
    expect(overdueReviews).toBeGreaterThanOrEqual(1);
    expect(overdueReviews).toBeLessThanOrEqual(4);
  });

  it("keeps status reports current, with one deliberately stale workstream and a correction", () => {
    const stale = all<{ code: string }>(
      main.db,
      `select w.code from workstreams w where w.lifecycle_status = 'active' and coalesce((
         select max(substr(s.submitted_at, 1, 10)) from status_reports s where s.workstream_id = w.id and s.state = 'submitted'), '0000') < '${addDays(TODAY, -35)}'`,
    );
    expect(stale.map((s) => s.code)).toEqual(["WS-05"]);
    const corrections = all<{ ok: number }>(
      main.db,
      "select (s.supersedes_id = o.id and o.revision = 1 and o.period = s.period) as ok from status_reports s join status_reports o on o.id = s.supersedes_id where s.revision = 2",
    );
    expect(corrections.length).toBeGreaterThanOrEqual(1);
    expect(corrections.every((c) => c.ok === 1)).toBe(true);
    expect(
      one<{ n: number }>(main.db, `select count(*) as n from status_reports where state = 'draft' and period = '${TODAY.slice(0, 7)}'`).n,
    ).toBeGreaterThanOrEqual(1);
  });

  it("publishes one frozen, hashed board report per past quarter, plus a draft for this one", () => {
    const { db } = main;
    const reports = all<{ quarter: string; as_of_date: string; state: string; snapshot: string | null; content_hash: string | null }>(
      db,
      "select quarter, as_of_date, state, snapshot, content_hash from board_reports order by quarter",
    );
    const published = reports.filter((r) => r.state === "published");
    expect(published.length).toBe(pastQuarters(TODAY).length);
    expect(published.length).toBe(19);
    for (const r of published) {
      const snapshot = JSON.parse(r.snapshot ?? "null");
      expect(r.content_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(buildQuarterSnapshot(db, r.quarter, r.as_of_date)).toEqual(snapshot);
    }
    expect(reports.filter((r) => r.state === "draft").map((r) => r.quarter)).toEqual(["FY2026-Q4"]);
    // Sealed by the workflow's approve and publish steps: the hash covers figures, narrative, approver and dates.
    const sealed = db
      .select()
      .from(boardReports)
      .all()
      .filter((r) => r.state === "published");
    expect(sealed.every((r) => r.contentHashScope === "report" && r.approvalHash !== null && verifyContentHash(r))).toBe(true);
  });

  it("writes one demo.seed audit event", () => {
    const events = all<{ action: string; entity: string }>(main.db, "select action, entity from audit_events");
    expect(events).toEqual([{ action: "demo.seed", entity: "program" }]);
  });

  it("is deterministic: the same today gives identical rows in every table", () => {
    const tables = all<{ name: string }>(
      main.db,
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name <> 'audit_events' order by name",
    );
    expect(tables.length).toBeGreaterThan(20);
    for (const { name } of tables) {
      const pk = all<{ name: string; pk: number }>(main.db, `pragma table_info(${name})`)
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const order = pk.length ? pk.join(", ") : "rowid";
      const dump = (db: Db) =>
        all<Record<string, unknown>>(db, `select * from ${name} order by ${order}`).map((row) => {
          if (name !== "users") return row;
          const { password_hash: _ignored, ...rest } = row;
          return rest;
        });
      expect(dump(twin.db), name).toEqual(dump(main.db));
    }
  });
});

/** The rules every seed must keep, whatever its today. */
function expectConsistent(db: Db, today: string) {
  const end = `${today}T23:59:59.999Z`;
  const zero = [
    `select count(*) as n from milestones where actual_date > '${today}'`,
    `select count(*) as n from status_reports where submitted_at > '${end}' or created_at > '${end}'`,
    `select count(*) as n from actuals where date > '${today}'`,
    `select count(*) as n from commitments where date > '${today}'`,
    `select count(*) as n from risk_assessments where assessed_on > '${today}'`,
    `select count(*) as n from board_reports where published_at > '${end}'`,
    `select count(*) as n from risks r join risk_assessments a on a.id = (select a2.id from risk_assessments a2 where a2.risk_id = r.id order by a2.assessed_on desc, a2.id desc limit 1) where a.likelihood <> r.current_likelihood or a.impact <> r.current_impact`,
  ];
  for (const q of zero) expect(one<{ n: number }>(db, q).n, q).toBe(0);
  const published = all<{ quarter: string; as_of_date: string; snapshot: string; content_hash: string }>(
    db,
    "select quarter, as_of_date, snapshot, content_hash from board_reports where state = 'published'",
  );
  expect(published.length).toBe(pastQuarters(today).length);
  const sealed = db
    .select()
    .from(boardReports)
    .all()
    .filter((r) => r.state === "published");
  for (const r of sealed) expect(verifyContentHash(r), r.quarter).toBe(true);
}

describe("demo seed on another day", () => {
  it("seeds 2024-06-15 consistently", async () => {
    const { db, counts } = await freshSeed("early", "2024-06-15");
    expectConsistent(db, "2024-06-15");
    expect(counts.board_reports_published).toBe(9);
    expect(one<{ n: number }>(db, "select count(*) as n from obligations where source = 'consent_decree'").n).toBe(0);
    expect(counts.milestones).toBeGreaterThanOrEqual(60);
    const lifecycle = all<{ code: string; lifecycle_status: string }>(
      db,
      "select code, lifecycle_status from workstreams where lifecycle_status <> 'active' order by code",
    );
    expect(lifecycle).toEqual([{ code: "WS-07", lifecycle_status: "done" }]);
  }, 120_000);

  it.each(["2024-01-01", "2026-12-02", "2028-12-31"])(
    "seeds %s consistently",
    async (today) => {
      const { db } = await freshSeed(`day-${today}`, today);
      expectConsistent(db, today);
    },
    120_000,
  );
});
