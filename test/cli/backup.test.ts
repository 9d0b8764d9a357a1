import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-backup-"));
const dbFile = path.join(dir, "live.db");
const backup = path.join(dir, "backups", "copy.db");

function cli(args: string[], input = "") {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", ...args], {
    cwd: root,
    input,
    env: { ...process.env, DATABASE_PATH: dbFile },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const users = () => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare("select email from users order by id").all() as Array<{ email: string }>).map((u) => u.email);
  } finally {
    db.close();
  }
};

describe("backups that restore", () => {
  it("backs up, and a restore brings the data and an intact audit trail back", () => {
    expect(cli(["user:create", "--email", "first@example.com", "--name", "First", "--role", "admin"], "amber forest kettle 12\n").code).toBe(0);
    const b = cli(["db:backup", "--out", backup]);
    expect(b.err).toBe("");
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/integrity ok/);

    expect(cli(["user:create", "--email", "second@example.com", "--name", "Second", "--role", "board"], "amber forest kettle 13\n").code).toBe(0);
    expect(users()).toEqual(["first@example.com", "second@example.com"]);

    const r = cli(["db:restore", "--from", backup]);
    expect(r.code).toBe(0);
    expect(users()).toEqual(["first@example.com"]);
    expect(cli(["audit:verify"]).code).toBe(0);
    expect(fs.readdirSync(dir).some((f) => f.startsWith("live.db.before-restore-"))).toBe(true);
  });

  it("refuses to overwrite a backup and to restore something that is not a Rampart database", () => {
    expect(cli(["db:backup", "--out", backup]).code).toBe(2);
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "this is not sqlite");
    const r = cli(["db:restore", "--from", junk]);
    expect(r.code).toBe(1);
    expect(users()).toEqual(["first@example.com"]);
    expect(cli(["db:restore", "--from", path.join(dir, "missing.db")]).code).toBe(2);
  });
});
