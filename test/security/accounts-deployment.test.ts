/**
 * Penetration test, finding 10, and `security:check`: the server refuses to
 * start where it would have to guess its own origin, cookies follow the
 * origin's scheme, and weak settings are reported.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startupRefusal, trustedOrigins } from "~/deployment/origin.server";
import { securityFindings } from "~/deployment/security-check.server";
import { loadEnv } from "~/env.server";
import * as settingsPage from "~/routes/admin.settings";
import { program } from "#db/schema";
import { db } from "~/db.server";
import { outcome } from "#test/admin/outcome";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs a script with exactly these variables (plus PATH), as an operator's shell would. */
function run(script: string, scriptArgs: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), script, ...scriptArgs], {
    cwd: root,
    // Without NODE_ENV on purpose (the app's typing makes it required): the scripts' own defaults are under test.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}

const ids = (env: Record<string, string>, secretKeySet = true) => securityFindings(loadEnv(env), secretKeySet).map((f) => `${f.level}:${f.id}`);

describe("APP_ORIGIN", () => {
  it("is required in production beyond loopback, and only there", () => {
    expect(startupRefusal(loadEnv({ NODE_ENV: "production", HOST: "0.0.0.0" }))).toMatch(/APP_ORIGIN is not set/);
    expect(startupRefusal(loadEnv({ NODE_ENV: "production", HOST: "10.1.2.3" }))).toMatch(/HOST=10\.1\.2\.3/);
    expect(startupRefusal(loadEnv({ NODE_ENV: "production", HOST: "0.0.0.0", APP_ORIGIN: "https://rampart.example.com" }))).toBeNull();
    expect(startupRefusal(loadEnv({ NODE_ENV: "production" }))).toBeNull();
    expect(startupRefusal(loadEnv({ NODE_ENV: "production", HOST: "localhost" }))).toBeNull();
    expect(startupRefusal(loadEnv({ NODE_ENV: "development", HOST: "0.0.0.0" }))).toBeNull();
  });

  it("stops `npm start` with the message before it touches the database", { timeout: 60_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-start-"));
    const dbFile = path.join(dir, "refused.db");
    const r = run("server/start.ts", [], { NODE_ENV: "production", HOST: "0.0.0.0", PORT: "3999", DATABASE_PATH: dbFile });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Rampart will not start: HOST=0\.0\.0\.0 .* APP_ORIGIN is not set/);
    expect(fs.existsSync(dbFile)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("must be an http(s) origin, and is normalised", () => {
    expect(loadEnv({ APP_ORIGIN: "https://Rampart.Example.com:443/" }).APP_ORIGIN).toBe("https://rampart.example.com");
    expect(() => loadEnv({ APP_ORIGIN: "https://rampart.example.com/app" })).toThrow(/origin only/);
    expect(() => loadEnv({ APP_ORIGIN: "ftp://rampart.example.com" })).toThrow(/https:\/\//);
    expect(() => loadEnv({ APP_ORIGIN: "rampart.example.com" })).toThrow(/APP_ORIGIN/);
  });

  it("is the only trusted origin when set; loopback origins on PORT otherwise", () => {
    expect(trustedOrigins(loadEnv({ APP_ORIGIN: "https://rampart.example.com", PORT: "8080" }))).toEqual(["https://rampart.example.com"]);
    expect(trustedOrigins(loadEnv({ PORT: "8080" }))).toEqual(expect.arrayContaining(["http://localhost:8080", "http://127.0.0.1:8080"]));
  });
});

describe("Secure cookies", () => {
  it("are on whenever the origin is HTTPS, even against SECURE_COOKIES=0, and SECURE_COOKIES=1 forces them", () => {
    expect(loadEnv({ APP_ORIGIN: "https://rampart.example.com" }).SECURE_COOKIES).toBe(true);
    expect(loadEnv({ APP_ORIGIN: "https://rampart.example.com", SECURE_COOKIES: "0" }).SECURE_COOKIES).toBe(true);
    expect(loadEnv({ APP_ORIGIN: "http://rampart.internal" }).SECURE_COOKIES).toBe(false);
    expect(loadEnv({ APP_ORIGIN: "http://rampart.internal", SECURE_COOKIES: "1" }).SECURE_COOKIES).toBe(true);
    expect(loadEnv({}).SECURE_COOKIES).toBe(false);
  });
});

describe("security:check", () => {
  it("names each weak setting", () => {
    expect(ids({ NODE_ENV: "production", HOST: "0.0.0.0" })).toContain("weak:app-origin");
    expect(ids({ NODE_ENV: "production" }, false)).toContain("weak:secret-key");
    expect(ids({ NODE_ENV: "development" }, false)).toContain("note:secret-key");
    expect(ids({ NODE_ENV: "production", HOST: "0.0.0.0", APP_ORIGIN: "http://rampart.internal" })).toContain("weak:http-origin");
    expect(ids({ NODE_ENV: "production", HOST: "0.0.0.0", APP_ORIGIN: "http://rampart.internal", SECURE_COOKIES: "1" })).not.toContain("weak:http-origin");
    expect(ids({ NODE_ENV: "production", TRUST_PROXY: "3" })).toContain("weak:trust-proxy");
    expect(ids({ NODE_ENV: "production", TRUST_PROXY: "10.0.0.0/8" })).toContain("weak:trust-proxy");
    expect(ids({ NODE_ENV: "production", TRUST_PROXY: "10.0.0.5" })).not.toContain("weak:trust-proxy");
    expect(ids({ NODE_ENV: "production", REQUIRE_MFA: "0" })).toContain("weak:require-mfa");
    expect(ids({ NODE_ENV: "production", APP_ORIGIN: "https://rampart.example.com", TRUST_PROXY: "1" })).toEqual([]);
  });

  // One process per case, each with room to start on a busy machine.
  const CLI = { timeout: 60_000 };

  it("exits 1 listing the weak settings in production, the default as for npm start", CLI, () => {
    const weak = run("bin/cli.ts", ["security:check"], { HOST: "0.0.0.0", REQUIRE_MFA: "0" });
    expect(weak.status).toBe(1);
    expect(weak.stdout).toMatch(/NODE_ENV=production/);
    expect(weak.stdout).toMatch(/WEAK {2}HOST=0\.0\.0\.0 accepts other machines but APP_ORIGIN is not set/);
    expect(weak.stdout).toMatch(/WEAK {2}RAMPART_SECRET_KEY is not set/);
    expect(weak.stdout).toMatch(/WEAK {2}REQUIRE_MFA is off/);
    expect(weak.stdout).toMatch(/3 weak settings found/);
  });

  it("exits 0 when nothing is weak", CLI, () => {
    const clean = run("bin/cli.ts", ["security:check"], { APP_ORIGIN: "https://rampart.example.com", RAMPART_SECRET_KEY: "set-elsewhere-in-tests" });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/No weak settings found/);
  });

  it("only reports outside production", CLI, () => {
    const dev = run("bin/cli.ts", ["security:check"], { NODE_ENV: "development", REQUIRE_MFA: "0" });
    expect(dev.status).toBe(0);
    expect(dev.stdout).toMatch(/reported only/);
  });

  it("exits 1 with the reason on a setting it cannot accept", CLI, () => {
    const broken = run("bin/cli.ts", ["security:check"], { TRUST_PROXY: "true" });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/TRUST_PROXY: "true" would trust every hop/);
  });

  it("shows the same list to administrators on /admin/settings", async () => {
    db.insert(program).values({ name: "Deployment programme", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
    const admin = signedIn("admin");
    const res = await outcome(() => settingsPage.loader(args(getRequest("/admin/settings", admin.cookie)) as never));
    expect(res.status).toBe(200);
    // Tests run with REQUIRE_MFA=0 (test/support/setup.ts).
    expect(res.body.security.map((f: { id: string }) => f.id)).toContain("require-mfa");
  });
});
