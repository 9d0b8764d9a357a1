/**
 * `npm run bench`: times the hot paths on the demo programme in a
 * throw-away database and prints the figures (median of N runs). Not a
 * test: machines here are shared, so read the numbers, don't assert them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.NODE_ENV = "production";

const { openDatabase } = await import("#db/connection");
const { migrateDatabase } = await import("#db/migrate");
const { seedDemo } = await import("#db/seed/demo");
const { db } = await import("~/db.server");
const { computeProgramStatus } = await import("~/rollups/status.server");
const { loadDashboard } = await import("~/dashboard/dashboard.server");
const { loadBudget } = await import("~/budget/budget.server");
const { listMilestones } = await import("~/milestones/milestone-queries.server");
const { riskRegister } = await import("~/figures/risks.server");
const { buildQuarterSnapshot } = await import("~/board/snapshot.server");
const { importActuals } = await import("~/budget/actuals-import.server");

const TODAY = "2026-11-24";
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function time(label: string, fn: () => unknown, runs = RUNS) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(8)} ms   min ${samples[0]!.toFixed(1).padStart(8)} ms   (${runs} runs)`);
}

const setup = openDatabase(process.env.DATABASE_PATH);
migrateDatabase(setup);
setup.$client.close();

let t = performance.now();
await seedDemo(db, { today: TODAY });
console.log(`${"seed the demo programme".padEnd(44)} ${(performance.now() - t).toFixed(0).padStart(8)} ms`);
const count = (table: string) => (db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
console.log(
  `  (${count("actuals")} actuals, ${count("milestones")} milestones, ${count("risk_assessments")} risk assessments, ${count("status_reports")} status reports)\n`,
);

time("programme rollup (engine + SQL inputs)", () => computeProgramStatus(db, TODAY));
time("executive dashboard loader", () => loadDashboard(db, TODAY));
time("budget page, programme level", () => loadBudget(db, {}, TODAY));
time("milestone list, unfiltered", () => listMilestones(db, {}, TODAY));
time("risk register, unfiltered", () => riskRegister(db, { asOf: TODAY }));
time("board snapshot for FY2026-Q3", () => buildQuarterSnapshot(db, "FY2026-Q3", "2026-09-30"));

// A finance export of 10,000 invoices, imported in one transaction.
const ws = db.$client.prepare("select code from workstreams order by code").all() as Array<{ code: string }>;
const lines = ["reference,date,amount,workstream,category,cost_class"];
for (let i = 0; i < 10_000; i++)
  lines.push(`BENCH-${i},2026-10-${String((i % 28) + 1).padStart(2, "0")},${(i % 9000) + 100}.25,${ws[i % ws.length]!.code},vendor,opex`);
const mapping = { reference: "reference", date: "date", amount: "amount", workstream: "workstream", category: "category", costClass: "cost_class" };
t = performance.now();
const result = importActuals(db, { actorId: null }, lines.join("\n"), mapping, "bench.csv");
console.log(
  `\n${"import 10,000 actuals (one transaction)".padEnd(44)} ${(performance.now() - t).toFixed(0).padStart(8)} ms   ${result.ok ? `${result.imported} imported` : `failed: ${JSON.stringify(result.errors.slice(0, 3))}`}`,
);
time("dashboard loader with 10,000 more actuals", () => loadDashboard(db, TODAY), 5);

db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });
