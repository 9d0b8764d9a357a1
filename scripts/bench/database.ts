import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Demo time is pinned, so every cached database holds the same story. */
export const BENCH_TODAY = "2026-11-24";

/** The migration files (names and contents) and the scale seed's code: a change to either builds new databases. */
function cacheKey(root: string): string {
  const hash = createHash("sha256");
  const migrations = path.join(root, "db/migrations");
  for (const name of fs
    .readdirSync(migrations)
    .filter((n) => n.endsWith(".sql"))
    .sort()) {
    hash.update(name).update(fs.readFileSync(path.join(migrations, name)));
  }
  const scale = path.join(root, "db/seed/scale");
  for (const name of fs.readdirSync(scale).sort()) hash.update(name).update(fs.readFileSync(path.join(scale, name)));
  return hash.digest("hex").slice(0, 12);
}

function tsx(root: string, args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * A copy of the cached `.tmp/bench-K-<key>.db` for this run (sign-ins and
 * audit events of a run never leak into the cache), building the cache first
 * when the schema or the generator changed.
 */
export function prepareDatabase(root: string, factor: number, auditPerFactor: number, log: (line: string) => void): string {
  const dir = path.join(root, ".tmp");
  fs.mkdirSync(dir, { recursive: true });
  const audit = auditPerFactor * factor;
  const cached = path.join(dir, `bench-${factor}-${audit ? `audit${audit}-` : ""}${cacheKey(root)}.db`);
  if (!fs.existsSync(cached)) {
    const staleCache = new RegExp(`^bench-${factor}-(audit\\d+-)?[0-9a-f]{12}\\.db`);
    for (const stale of fs.readdirSync(dir).filter((n) => staleCache.test(n))) fs.rmSync(path.join(dir, stale), { force: true });
    const building = `${cached}.building`;
    for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });
    log(`Building the ×${factor} database (db:seed-scale) …`);
    const started = Date.now();
    tsx(root, ["bin/cli.ts", "db:seed-scale", "--factor", String(factor), "--today", BENCH_TODAY, "--audit", String(audit)], { DATABASE_PATH: building });
    fs.renameSync(building, cached);
    log(`… built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  }
  const run = path.join(dir, `bench-${factor}-run.db`);
  for (const f of [run, `${run}-wal`, `${run}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(cached, run);
  return run;
}

export type SignIn = { cookie: string; adminCookie: string | null; token: string; fill: Record<string, string> };

/** Signs the CISO office in (a session cookie and an API token) and reads the values that fill route parameters. */
export function signIn(root: string, database: string): SignIn {
  const out = tsx(root, ["scripts/bench/sign-in.ts"], { DATABASE_PATH: database, NODE_ENV: "production", REQUIRE_MFA: "0" });
  const line = out.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as SignIn;
}
