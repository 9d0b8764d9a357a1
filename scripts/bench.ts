/**
 * `npm run bench -- --factor 1,10,100`: for each factor, the demo multiplied
 * by db:seed-scale (cached under .tmp/), the built server started on it,
 * and every page, export and API route timed as the CISO office: median and
 * p95, the ratio to /healthz, response size, the server's peak RSS and the
 * longest /healthz stall while the route ran. Prints Markdown and writes it
 * to docs/performance.md. Asserts nothing: the machines are shared.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prepareDatabase, signIn } from "./bench/database";
import { measureHealthz, measureRoute, waitUntilIdle } from "./bench/measure";
import { parseBenchOptions } from "./bench/options";
import { factorTable, type FactorReport, machineLine } from "./bench/report";
import { discoverRoutes } from "./bench/routes";
import { startBenchServer, treeKiB } from "./bench/server";

const root = path.resolve(import.meta.dirname, "..");
const options = parseBenchOptions(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`${line}\n`);

const COUNTED = ["workstreams", "milestones", "status_reports", "actuals", "risks", "risk_assessments", "audit_events"];

function countRows(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(COUNTED.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

async function benchFactor(factor: number): Promise<FactorReport> {
  const database = prepareDatabase(root, factor, options.auditPerFactor, log);
  const rows = countRows(database);
  const { cookie, adminCookie, token, fill } = signIn(root, database);
  const { routes, unfilled } = discoverRoutes(path.join(root, "app/routes"), fill);
  const chosen = options.only.length ? routes.filter((r) => options.only.some((o) => r.path.includes(o))) : routes;
  const server = await startBenchServer(root, database);
  try {
    const healthzMs = await measureHealthz(server.baseUrl, options.runs);
    const results = [];
    for (const route of chosen) {
      const headers: Record<string, string> =
        route.kind === "api" ? { Authorization: `Bearer ${token}` } : { Cookie: route.path.startsWith("/admin") && adminCookie ? adminCookie : cookie };
      const result = await measureRoute(server, route, headers, { runs: options.runs, seconds: options.routeSeconds });
      const drainMs = result.statuses.includes(0) ? await waitUntilIdle(server.baseUrl, 600) : 0;
      log(
        `×${factor} ${route.path}: median ${result.medianMs.toFixed(1)} ms, status ${result.statuses.join(",")}, stall ${result.stallMs.toFixed(0)} ms` +
          (drainMs ? `, server busy ${(drainMs / 1000).toFixed(0)} s more after the client gave up` : ""),
      );
      results.push(result);
    }
    return {
      factor,
      healthzMs,
      serverPeakMiB: treeKiB(server.pid, "VmHWM") / 1024,
      figuresReady: server.figuresReady,
      auditReady: server.auditReady,
      rows,
      results,
      unfilled,
    };
  } finally {
    await server.stop();
    for (const f of [database, `${database}-wal`, `${database}-shm`]) fs.rmSync(f, { force: true });
  }
}

if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
  log("No build/: running npm run build first …");
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
}

const reports: FactorReport[] = [];
for (const factor of options.factors) reports.push(await benchFactor(factor));

const markdown = [
  "# Performance",
  "",
  "Written by `npm run bench` (see README, Development). Latencies are wall-clock times of sequential GETs from the same",
  "machine, as the CISO office (pages and exports with a session cookie, `/admin/*` as an administrator, `/api/v1/*` with an API token); the ratio divides",
  "by `/healthz` measured in the same run; peak RSS is sampled from `/proc` while the route runs (the server process, both its threads);",
  "the stall is the slowest `/healthz` answer of a loop pinging it every 10 ms while the route runs. Nothing is asserted:",
  "the machines are shared, so compare ratios between factors rather than absolute times. Status 0 means the client gave\nup after `--route-seconds` (the median is then that limit, a lower bound); the bench then waits until the server answers\n`/healthz` again before the next route. Timing starts once the server's background thread has computed today's figures and\nwalked the audit chain of the fresh database (the lines quoted under each factor): the steady state, not the first minute.",
  "",
  `Run: ${machineLine(root)}, ${options.runs} timed runs per route (at most ${options.routeSeconds} s each).`,
  "",
  ...reports.flatMap((r) => [factorTable(r), ""]),
].join("\n");

console.log(markdown);
if (options.out) {
  fs.writeFileSync(path.resolve(root, options.out), markdown);
  log(`Wrote ${options.out}.`);
}
