import { sql } from "drizzle-orm";
import type { Db } from "./connection";

/**
 * Refreshes the query planner's statistics, so it keeps choosing the right
 * index once tables hold hundreds of thousands of rows (without them SQLite
 * guessed, and an acceptance subquery walked the wrong index at 100×).
 *
 * - "full" after bulk writes (seeding, a large import): ANALYZE every table.
 * - "light" after migrations and at server start: PRAGMA optimize with a
 *   bounded analysis, which re-analyses only tables that changed a lot or
 *   were never analysed, and returns quickly on a database that did not.
 *
 * This is the one place the app asks for statistics: a PostgreSQL deployment
 * maps both modes to `ANALYZE` (autovacuum keeps them fresh in between).
 */
export function refreshStatistics(db: Pick<Db, "run">, mode: "full" | "light"): void {
  if (mode === "full") db.run(sql`analyze`);
  // Bounded: at most about this many index rows are sampled per index.
  db.run(sql`pragma analysis_limit = 1000`);
  // 0x10002: consider every table, not only those this connection queried.
  db.run(sql`pragma optimize = 0x10002`);
}
