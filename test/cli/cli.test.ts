import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-cli-"));
const dbFile = path.join(dir, "cli.db");

function cli(args: string[], input = "") {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", ...args], {
    cwd: root,
    input,
    env: { ...process.env, DATABASE_PATH: dbFile },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const count = (table: string) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("the CLI", () => {
  it("prints help and exits 0", () => {
    const r = cli(["help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/user:create/);
    expect(r.out).toMatch(/db:seed-demo/);
  });

  it("exits 2 with a message on an unknown command", () => {
    const r = cli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"/);
  });

  it("exits 2 on an unknown option", () => {
    const r = cli(["db:migrate", "--force"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--force/);
  });

  it("migrates", () => {
    const r = cli(["db:migrate"]);
    expect(r.code).toBe(0);
    expect(count("users")).toBe(0);
  });

  it("refuses a missing role, a bad role and a short password without writing anything", () => {
    const missing = cli(["user:create", "--email", "a@b.example", "--name", "A"], "correct horse battery staple\n");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--role is required/);
    const badRole = cli(["user:create", "--email", "a@b.example", "--name", "A", "--role", "god"], "correct horse battery staple\n");
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/role: Choose one of/);
    const short = cli(["user:create", "--email", "a@b.example", "--name", "A", "--role", "admin"], "short\n");
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 12 characters/);
    const common = cli(["user:create", "--email", "a@b.example", "--name", "A", "--role", "admin"], "qwertyuiop123456\n");
    expect(common.code).toBe(2);
    expect(common.err).toMatch(/too common/);
    expect(count("users")).toBe(0);
  });

  it("creates a user from a password on standard input, hashed and audited", async () => {
    const r = cli(["user:create", "--email", "CISO@Example.com", "--name", "Dana Reyes", "--role", "ciso_office"], "violet kestrel lantern 42\n");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    const user = db.prepare("select * from users where email = 'ciso@example.com'").get() as { password_hash: string; role: string };
    const audit = db.prepare("select * from audit_events where action = 'user.create'").all();
    db.close();
    expect(user.role).toBe("ciso_office");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.password_hash, "violet kestrel lantern 42")).toBe(true);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/violet kestrel/);
  });

  it("refuses a duplicate email with exit 2", () => {
    const r = cli(["user:create", "--email", "ciso@example.com", "--name", "Again", "--role", "admin"], "violet kestrel lantern 43\n");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already exists/);
    expect(count("users")).toBe(1);
  });

  it("refuses to seed a database that holds data, and a bad --today", () => {
    const full = cli(["db:seed-demo"]);
    expect(full.code).toBe(2);
    expect(full.err).toMatch(/already holds data.*--reset/);
    const badDate = cli(["db:seed-demo", "--reset", "--today", "24/11/2026"]);
    expect(badDate.code).toBe(2);
    expect(count("users")).toBe(1);
  });

  it("replaces the database with the demo on --reset", () => {
    const r = cli(["db:seed-demo", "--reset", "--today", "2026-11-24"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Loaded the demo programme as of 2026-11-24/);
    expect(r.out).toMatch(/^ {2}admin\s+\S+@\S+\s+\S{16,}$/m);
    expect(count("workstreams")).toBeGreaterThanOrEqual(8);
    expect(count("users")).toBeGreaterThan(5);
    // Seeds the whole demo in a child process: seconds of CPU, minutes on a shared, loaded machine.
  }, 120_000);
});
