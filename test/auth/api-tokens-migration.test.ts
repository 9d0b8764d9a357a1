import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/connection";
import { migrateDatabase, MIGRATIONS_FOLDER } from "#db/migrate";
import { API_SCOPES } from "#db/schema/enums";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-token-migration-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A migrations folder holding only what came before API tokens had expiries and scopes. */
function migrationsBeforeTokenExpiry(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  const first = journal.entries.findIndex((e) => e.tag.endsWith("_api_token_expiry"));
  expect(first).toBeGreaterThan(0);
  const folder = path.join(dir, "before");
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const entries = journal.entries.slice(0, first);
  for (const e of entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

describe("tokens issued before expiries and scopes", () => {
  it("get every scope and the default 90 days from their creation, so an old one stops at once", () => {
    const db = openDatabase(path.join(dir, "old.db"));
    try {
      migrate(db, { migrationsFolder: migrationsBeforeTokenExpiry() });
      db.$client.exec("insert into users (email, name, role) values ('bi@example.com', 'BI', 'executive')");
      const insert = db.$client.prepare("insert into api_tokens (user_id, name, token_hash, prefix, created_at, revoked_at) values (1, ?, ?, 'rmp_ab', ?, ?)");
      insert.run("old", "h1", "2026-01-01T00:00:00.000Z", null);
      insert.run("recent", "h2", "2026-11-20T10:30:00.000Z", null);
      insert.run("revoked", "h3", "2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z");

      migrateDatabase(db);

      const rows = db.$client.prepare("select name, expires_at, revoked_at from api_tokens order by id").all();
      expect(rows).toEqual([
        { name: "old", expires_at: "2026-04-01T00:00:00.000Z", revoked_at: null },
        { name: "recent", expires_at: "2027-02-18T10:30:00.000Z", revoked_at: null },
        { name: "revoked", expires_at: "2027-01-30T00:00:00.000Z", revoked_at: "2026-11-02T00:00:00.000Z" },
      ]);
      const scopes = db.$client.prepare("select token_id, scope from api_token_scopes order by token_id, scope").all() as Array<{
        token_id: number;
        scope: string;
      }>;
      for (const id of [1, 2, 3]) expect(scopes.filter((s) => s.token_id === id).map((s) => s.scope)).toEqual([...API_SCOPES].sort());
      expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.$client.close();
    }
  });
});
