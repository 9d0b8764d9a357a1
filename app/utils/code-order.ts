import { type AnyColumn, asc, type SQL, sql } from "drizzle-orm";

/**
 * Order by a code's number, not its text, so WS-2 < WS-10 < WS-0100 (as
 * text, WS-0100 sorts before WS-2): the number after `prefix`, then the
 * text to order equal numbers (WS-01, WS-001) the same way every time.
 * For codes that are the prefix plus digits only (WS-, R-); plain substr and
 * cast, which PostgreSQL reads too.
 */
export function byCodeNumber(column: AnyColumn, prefix: string): SQL[] {
  return [sql`cast(substr(${column}, ${sql.raw(String(prefix.length + 1))}) as integer)`, asc(column)];
}

/** The same order for codes already in memory. */
export function compareCodeNumbers(prefix: string) {
  const n = (code: string) => Number(code.slice(prefix.length));
  return (a: string, b: string) => n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0);
}
