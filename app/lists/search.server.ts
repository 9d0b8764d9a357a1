import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** `%`, `_` and the escape character itself match literally: a search for "100%" is not "starts with 100". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A case-insensitive "contains" over several columns, in SQL both SQLite and
 * PostgreSQL read (lower(…) like … escape '\'); null columns never match.
 * Undefined for an empty search, so it can be passed straight to `and(...)`.
 */
export function searchAny(q: string, columns: Array<AnyColumn | SQL>): SQL | undefined {
  const text = q.trim();
  if (!text || !columns.length) return undefined;
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  return sql`(${sql.join(
    columns.map((c) => sql`lower(${c}) like ${pattern} escape '\\'`),
    sql` or `,
  )})`;
}
