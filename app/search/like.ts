import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** `\` escapes the LIKE wildcards, so a search for "50%" or "a_b" finds those characters, not any text. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive "contains" on any of the columns, in portable SQL
 * (`lower(…) like … escape`): SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
 */
export function containsAny(columns: AnyColumn[], term: string): SQL {
  const pattern = likePattern(term.toLowerCase());
  return sql.join(
    columns.map((c) => sql`lower(${c}) like ${pattern} escape '\\'`),
    sql` or `,
  );
}
