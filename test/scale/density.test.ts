import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "#db/connection";
import { migrateDatabase } from "#db/migrate";
import { seedScale } from "#db/seed/scale";
import { DEFAULT_DENSITY, effectiveDensity } from "#db/seed/scale/density";
import { verifyAuditChain } from "~/audit/verify.server";
import { loadBudget } from "~/budget/budget.server";
import { milestoneFigures } from "~/figures/milestones.server";
import { riskSummary } from "~/figures/risks.server";
import { RiskCodeSchema } from "~/risks/risk-schemas";

/**
 * The denser generator (issue 12): copies get twins of every milestone and
 * risk with their history, assessments and links; the demo (copy 0), the
 * money and the audit chain's validity are untouched, and the figures still
 * equal independent counts of the rows.
 */
const TODAY = "2026-11-24";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-density-"));
const opened: Db[] = [];

async function seeded(name: string, factor: number, density: number) {
  const db = openDatabase(path.join(dir, `${name}.db`));
  opened.push(db);
  migrateDatabase(db);
  await seedScale(db, { factor, today: TODAY, density });
  return db;
}

const count = (db: Db, query: string) => db.get<{ n: number }>(sql.raw(query)).n;

let demo: Db;
let plain: Db;
let dense: Db;

beforeAll(async () => {
  demo = await seeded("demo", 1, DEFAULT_DENSITY);
  plain = await seeded("plain", 2, 1);
  dense = await seeded("dense", 2, 3);
}, 120_000);

afterAll(() => {
  for (const db of opened) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("db:seed-scale density", () => {
  it("leaves ×1 as the demo, whatever the density", () => {
    for (const table of ["milestones", "risks", "risk_assessments", "milestone_history"]) {
      expect(count(demo, `select count(*) n from ${table}`), table).toBe(count(plain, `select count(*) n from ${table}`) / 2);
    }
  });

  it("gives the copy `density` times its milestones, risks and their dependents, and leaves money and reports alone", () => {
    for (const table of [
      "milestones",
      "milestone_history",
      "milestone_baselines",
      "milestone_dependencies",
      "risks",
      "risk_history",
      "risk_assessments",
      "risk_workstreams",
    ]) {
      const demoRows = count(demo, `select count(*) n from ${table}`);
      expect(demoRows, table).toBeGreaterThan(0);
      expect(count(dense, `select count(*) n from ${table}`), table).toBe(demoRows + 3 * demoRows);
    }
    for (const table of ["workstreams", "actuals", "commitments", "budget_lines", "status_reports"]) {
      expect(count(dense, `select count(*) n from ${table}`), table).toBe(count(plain, `select count(*) n from ${table}`));
    }
    const b1 = loadBudget(demo, {}, TODAY).totals;
    const b2 = loadBudget(dense, {}, TODAY).totals;
    for (const key of ["planCents", "actualCents", "committedCents", "planToDateCents"] as const) expect(b2[key], key).toBe(2 * b1[key]);
  });

  it("keeps foreign keys, unique codes the forms accept, and a valid audit chain", () => {
    expect(dense.all(sql`pragma foreign_key_check`)).toEqual([]);
    const risks = dense.all<{ code: string }>(sql`select code from risks`).map((r) => r.code);
    expect(new Set(risks).size).toBe(risks.length);
    for (const code of risks) expect(RiskCodeSchema.safeParse(code).success, code).toBe(true);
    const milestones = dense.all<{ code: string; ws: string }>(sql`select m.code, w.code as ws from milestones m join workstreams w on w.id = m.workstream_id`);
    expect(new Set(milestones.map((m) => m.code)).size).toBe(milestones.length);
    for (const m of milestones) {
      // The milestone form's rule: 2–24 letters, digits or dashes.
      expect(m.code, m.code).toMatch(/^[A-Z0-9][A-Z0-9-]{1,23}$/);
      expect(m.code.startsWith(`M-${m.ws.replace("-", "")}-`), m.code).toBe(true);
    }
    expect(verifyAuditChain(dense)).toMatchObject({ ok: true });
  });

  it("reconciles the milestone and risk figures with independent counts of the rows", () => {
    const m = milestoneFigures(dense, { asOf: TODAY });
    expect(m.total).toBe(count(dense, "select count(*) n from milestones where status <> 'cancelled'"));
    expect(m.cancelled).toBe(count(dense, "select count(*) n from milestones where status = 'cancelled'"));
    const r = riskSummary(dense, { asOf: TODAY });
    expect(r.count).toBe(count(dense, "select count(*) n from risks where status <> 'closed'"));
    // Each twin carries its original's assessments, so the score total of the copy is density × the original's.
    const demoRisks = riskSummary(demo, { asOf: TODAY });
    expect(r.scoreSum).toBe(demoRisks.scoreSum + 3 * demoRisks.scoreSum);
  });

  it("lowers the density so shifted risk numbers keep five digits", () => {
    expect(effectiveDensity(7, 100)).toBe(7);
    expect(effectiveDensity(7, 100_000)).toBe(1);
    expect(effectiveDensity(7, 20_000)).toBe(5);
  });
});
