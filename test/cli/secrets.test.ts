import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { keyIdOf } from "~/auth/secret-box.server";
import { generateTotpSecret } from "~/auth/totp.server";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-secrets-cli-"));
const dbFile = path.join(dir, "live.db");
const OLD = crypto.randomBytes(32);
const NEW = crypto.randomBytes(32);

function cli(args: string[], keys: { current: Buffer; previous?: Buffer }, input = "") {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: dbFile, RAMPART_SECRET_KEY: keys.current.toString("base64") };
  if (keys.previous) env.RAMPART_SECRET_KEY_PREVIOUS = keys.previous.toString("hex");
  else delete env.RAMPART_SECRET_KEY_PREVIOUS;
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", ...args], { cwd: root, input, env, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(dbFile);
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
const storedSeed = () => query<{ s: string }>("select mfa_secret s from users where email = 'legacy@example.com'").s;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("secrets on the command line", () => {
  const seed = generateTotpSecret();

  it("db:migrate seals a plain-text seed left by an older version, and a backup holds none", () => {
    expect(
      cli(["user:create", "--email", "legacy@example.com", "--name", "Legacy", "--role", "executive"], { current: OLD }, "amber forest kettle 12\n").code,
    ).toBe(0);
    query("update users set mfa_secret = ?, mfa_enabled_at = ? where email = 'legacy@example.com' returning id", seed, new Date().toISOString());
    expect(cli(["db:migrate"], { current: OLD }).code).toBe(0);
    expect(storedSeed()).toMatch(new RegExp(`^sealed:v1:${keyIdOf(OLD)}:`));
    const backup = path.join(dir, "backup.db");
    expect(cli(["db:backup", "--out", backup], { current: OLD }).code).toBe(0);
    expect(fs.readFileSync(backup).includes(seed)).toBe(false);
    for (const f of [dbFile, `${dbFile}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(seed), f).toBe(false);
  });

  it("a wrong key stops every command with a message naming the keys, and changes nothing", () => {
    const before = storedSeed();
    const r = cli(["db:migrate"], { current: NEW });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`sealed with key ${keyIdOf(OLD)}`);
    expect(r.err).toContain(`configured keys are ${keyIdOf(NEW)}`);
    expect(r.err).toContain("RAMPART_SECRET_KEY_PREVIOUS");
    expect(cli(["secrets:rotate"], { current: NEW }).code).toBe(1);
    expect(storedSeed()).toBe(before);
  });

  it("secrets:rotate re-seals every secret with the new key in one audited step; then the old key alone no longer reads them", () => {
    const r = cli(["secrets:rotate"], { current: NEW, previous: OLD });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Re-sealed 1 secret(s) with key ${keyIdOf(NEW)} (1 from key ${keyIdOf(OLD)}); 0 already used it.`);
    expect(storedSeed()).toMatch(new RegExp(`^sealed:v1:${keyIdOf(NEW)}:`));
    expect(cli(["db:migrate"], { current: NEW }).code).toBe(0);
    expect(cli(["db:migrate"], { current: OLD }).code).toBe(1);
    const event = query<{ after: string }>("select after from audit_events where action = 'secrets.rotate'");
    expect(JSON.parse(event.after)).toEqual({ resealed: 1, alreadyCurrent: 0, fromKeys: { [keyIdOf(OLD)]: 1 }, keyId: keyIdOf(NEW) });
    expect(event.after).not.toContain(seed);
    expect(cli(["audit:verify"], { current: NEW }).code).toBe(0);
    const again = cli(["secrets:rotate"], { current: NEW });
    expect(again.out).toContain("Re-sealed 0 secret(s)");
  });
});
