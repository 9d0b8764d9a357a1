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

const db = openDatabase(process.env.DATABASE_PATH);
migrateDatabase(db);
db.$client.close();

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
