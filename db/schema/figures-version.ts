import { sql } from "drizzle-orm";
import { check, integer, sqliteTable } from "drizzle-orm/sqlite-core";

/**
 * One row counting changes to the data figures are computed from. Triggers
 * (db/figures-version.ts) add one on every insert, update and delete of
 * those tables, so a computed figure cached under a count is stale exactly
 * when the count moved, whichever code path (or another process) wrote.
 */
export const figuresVersion = sqliteTable(
  "figures_version",
  {
    id: integer("id").primaryKey(),
    changes: integer("changes").notNull().default(0),
  },
  (t) => [check("figures_version_one_row", sql`${t.id} = 1`)],
);
