import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "#db/connection";
import { migrateDatabase } from "#db/migrate";
import { seedScale } from "#db/seed/scale";
import { classifyTable, COPIED_TABLES, NOT_COPIED_TABLES } from "#db/seed/scale/tables";
import { verifyAuditChain } from "~/audit/verify.server";
import { loadBudget } from "~/budget/budget.server";
import { RiskCodeSchema } from "~/risks/risk-schemas";
import { computeProgramStatus } from "~/rollups/status.server";
import { compareCodeNumbers } from "~/utils/code-order";
import { riskRegister } from "~/figures/risks.server";
import { listWorkstreams } from "~/workstreams/workstreams.server";

const TODAY = "2026-11-24";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-scale-"));
const opened: Db[] = [];

/** Density 1 unless asked: the exact-multiple checks below read copies of the demo's own shape. */
async function scaled(factor: number, auditEvents = 0, density = 1) {
  const db = openDatabase(path.join(dir, `x${factor}-d${density}.db`));
  opened.push(db);
  migrateDatabase(db);
  await seedScale(db, { factor, today: TODAY, auditEvents, density });
  return db;
}

const count = (db: Db, table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from "${table}"`)).n;
const column = <T>(db: Db, query: string) => db.all<{ v: T }>(sql.raw(query)).map((r) => r.v);
/** Every table the generator copies: the listed ones and the history tables of copied data, read from the database itself. */
const allCopied = (db: Db) => [
  ...COPIED_TABLES,
  ...column<string>(db, "select name as v from sqlite_master where type = 'table' and name like '%history'").filter(
    (t) => classifyTable(t, column<string>(db, `select "table" as v from pragma_foreign_key_list('${t}')`))?.copied,
  ),
];

let x1: Db;
let x2: Db;
let x3: Db;

beforeAll(async () => {
  x1 = await scaled(1);
  x2 = await scaled(2);
  x3 = await scaled(3, 250);
}, 120_000);

afterAll(() => {
  for (const db of opened) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("db:seed-scale", () => {
  it("writes exactly K times every copied table, and every other table once", () => {
    for (const table of allCopied(x1)) {
      const base = count(x1, table);
      expect(base, `${table} has demo rows to copy`).toBeGreaterThan(0);
      expect(count(x2, table), table).toBe(2 * base);
      expect(count(x3, table), table).toBe(3 * base);
    }
    for (const table of Object.keys(NOT_COPIED_TABLES).filter((t) => t !== "audit_events")) {
      expect(count(x3, table), table).toBe(count(x1, table));
    }
  });

  it("reaches the headline numbers in proportion", () => {
    expect(count(x3, "workstreams")).toBe(27);
    expect(count(x3, "milestones")).toBe(3 * 80);
  });

  it("leaves a valid audit chain: one seed.scale event per copied table, then the realistic events", () => {
    const verdict = verifyAuditChain(x3);
    expect(verdict).toMatchObject({ ok: true });
    expect(column<number>(x3, "select count(*) as v from audit_events where action = 'seed.scale'")[0]).toBe(allCopied(x1).length);
    expect(count(x3, "audit_events")).toBe(count(x1, "audit_events") + allCopied(x1).length + 250);
    expect(verifyAuditChain(x2)).toMatchObject({ ok: true });
  });

  it("keeps every foreign key and dependency within its copy", () => {
    expect(x3.all(sql`pragma foreign_key_check`)).toEqual([]);
    // Copy number from the code: WS-0n is the demo (copy 0), WS-00cn is copy c of workstream n.
    const copyOf = (code: string) => `(case when length(${code}) = 5 then 0 else cast(substr(${code}, 4) as integer) / 10 end)`;
    const crossing = x3.all(
      sql.raw(`
      select d.milestone_id from milestone_dependencies d
      join milestones a on a.id = d.milestone_id join milestones b on b.id = d.depends_on_id
      join workstreams wa on wa.id = a.workstream_id join workstreams wb on wb.id = b.workstream_id
      where ${copyOf("wa.code")} <> ${copyOf("wb.code")}`),
    );
    expect(count(x3, "milestone_dependencies")).toBeGreaterThan(0);
    expect(crossing).toEqual([]);
  });

  it("gives copies unique codes the forms accept, milestones carrying their workstream's number", () => {
    const wsCodes = column<string>(x3, "select code as v from workstreams");
    expect(new Set(wsCodes).size).toBe(wsCodes.length);
    expect(wsCodes).toContain("WS-0011");
    expect(wsCodes).toContain("WS-0029");
    for (const code of wsCodes) expect(code).toMatch(/^WS-\d{2,5}$/);
    const riskCodes = column<string>(x3, "select code as v from risks");
    expect(new Set(riskCodes).size).toBe(riskCodes.length);
    for (const code of riskCodes) expect(RiskCodeSchema.safeParse(code).success, code).toBe(true);
    expect(riskCodes).toContain("R-00201");
    const mismatched = x3.all(sql`
      select m.code from milestones m join workstreams w on w.id = m.workstream_id
      where m.code not like 'M-' || replace(w.code, '-', '') || '-%'`);
    expect(mismatched).toEqual([]);
    for (const table of ["actuals", "commitments"]) {
      const refs = column<string>(x3, `select reference as v from ${table}`);
      expect(new Set(refs).size, table).toBe(refs.length);
    }
  });

  it("doubles the money exactly and keeps each copy's rollup equal to its original", () => {
    const b1 = loadBudget(x1, {}, TODAY).totals;
    const b2 = loadBudget(x2, {}, TODAY).totals;
    for (const key of ["planCents", "actualCents", "committedCents"] as const) {
      expect(b1[key], key).toBeGreaterThan(0);
      expect(b2[key], key).toBe(2 * b1[key]);
    }
    const s1 = computeProgramStatus(x1, TODAY);
    const s2 = computeProgramStatus(x2, TODAY);
    expect(s2.dimensions).toEqual(s1.dimensions);
    expect(s2.overall.rag).toBe(s1.overall.rag);
    expect(s2.workstreams).toHaveLength(2 * s1.workstreams.length);
    for (const original of s1.workstreams) {
      const copyCode = `WS-${String(10 + Number(original.code.slice(3))).padStart(4, "0")}`;
      const copy = s2.workstreams.find((w) => w.code === copyCode);
      expect(copy, copyCode).toBeDefined();
      expect(copy?.outcome.rag).toBe("green");
      expect({
        computed: copy?.computed,
        schedule: copy?.schedule.rag,
        cost: copy?.cost.rag,
        risk: copy?.risk.rag,
        variance: copy?.cost.varianceCents,
      }).toEqual({
        // Outcome measures are programme-level and not copied (db/seed/scale/tables.ts): a copy's outcome is green, so its overall is compared only where the original's outcome is green too.
        computed: original.outcome.rag === "green" ? original.computed : copy?.computed,
        schedule: original.schedule.rag,
        cost: original.cost.rag,
        risk: original.risk.rag,
        variance: original.cost.varianceCents,
      });
    }
  });

  it("refuses factors beyond what five-digit codes can hold", async () => {
    const db = openDatabase(path.join(dir, "refused.db"));
    opened.push(db);
    migrateDatabase(db);
    await expect(seedScale(db, { factor: 1001, today: TODAY })).rejects.toThrow(/factor/);
    await expect(seedScale(db, { factor: 0, today: TODAY })).rejects.toThrow(/factor/);
    expect(count(db, "users")).toBe(0);
  });

  it("lists workstreams and risks in the numeric order of their codes", () => {
    const codes = listWorkstreams(x2, {}, TODAY).map((w) => w.code);
    expect(codes.slice(0, 10)).toEqual(["WS-01", "WS-02", "WS-03", "WS-04", "WS-05", "WS-06", "WS-07", "WS-08", "WS-09", "WS-0011"]);
    const risks = riskRegister(x2, { asOf: TODAY });
    // Within one score, R-031 (31) comes before R-00101 (101), which text order would reverse.
    for (let i = 1; i < risks.length; i++) {
      const [a, b] = [risks[i - 1], risks[i]];
      if (a && b && a.currentLikelihood * a.currentImpact === b.currentLikelihood * b.currentImpact)
        expect(Number(a.code.slice(2)), `${a.code} before ${b.code}`).toBeLessThan(Number(b.code.slice(2)));
    }
  });
});

describe("compareCodeNumbers", () => {
  it("orders WS-2 < WS-10 < WS-0100 and keeps equal numbers in text order", () => {
    expect(["WS-0100", "WS-10", "WS-2", "WS-002"].sort(compareCodeNumbers("WS-"))).toEqual(["WS-002", "WS-2", "WS-10", "WS-0100"]);
  });
});
