/**
 * Runs before every test file: gives the file its own freshly migrated
 * SQLite database, before any app module opens a connection.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { openDatabase } from "#db/connection";
import { migrateDatabase } from "#db/migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.NODE_ENV = "test";
// Tests opt in to MFA enforcement explicitly.
process.env.REQUIRE_MFA ??= "0";
// The key that seals stored secrets (decision 010); tests of key loading pass an environment of their own.
process.env.RAMPART_SECRET_KEY ??= "pr6BnAa8wSN8hScV+e5ZYTrMLxyo0hQCESeuCQOqOMQ=";

const db = openDatabase(process.env.DATABASE_PATH);
migrateDatabase(db);
db.$client.close();

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
