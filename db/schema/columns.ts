import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

// Shared column builders so every table spells id, version and timestamps the
// same way. Instants are ISO-8601 UTC text; calendar dates are YYYY-MM-DD text.

export const id = () => integer("id").primaryKey({ autoIncrement: true });

export const version = () => integer("version").notNull().default(1);

export const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const updatedAt = () =>
  text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** SQL list literal for CHECK constraints built from a TypeScript tuple. */
export function sqlList(values: readonly string[]) {
  return sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));
}

/**
 * The validity of one version of an entity in an effective-dated history
 * table: in force from `valid_from` (inclusive) until `valid_to` (exclusive;
 * null while current). Both are UTC instants as ISO text, so they compare as
 * text. See docs/decisions/011-effective-dated-history.md.
 */
export const validity = () => ({
  validFrom: text("valid_from").notNull(),
  validTo: text("valid_to"),
});
