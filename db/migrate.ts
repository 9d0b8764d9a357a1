import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./connection";
import { ensureFiguresVersionTriggers } from "./figures-version";
import { refreshStatistics } from "./statistics";

// Resolved from this file, not the working directory, so `npm start` works from anywhere.
export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Applies pending migrations, gives new tables their figures-version
 * triggers, then refreshes planner statistics (db:migrate and server start
 * both come here).
 */
export function migrateDatabase(db: Db) {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  ensureFiguresVersionTriggers(db);
  refreshStatistics(db, "light");
}
