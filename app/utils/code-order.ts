import { type AnyColumn, asc, desc, type SQL, sql } from "drizzle-orm";

type Dir = "asc" | "desc";
const by = (term: AnyColumn | SQL, dir: Dir) => (dir === "asc" ? asc(term) : desc(term));

/**
 * Order by a code's number, not its text, so WS-2 < WS-10 < WS-0100 (as
 * text, WS-0100 sorts before WS-2): the number after `prefix`, then the
 * text to order equal numbers (WS-01, WS-001) the same way every time.
 * For codes that are the prefix plus digits only (WS-, R-); plain substr and
 * cast, which PostgreSQL reads too. `dir` reverses both terms, so a
 * descending list is exactly the ascending one read backwards.
 */
export function byCodeNumber(column: AnyColumn | SQL, prefix: string, dir: Dir = "asc"): SQL[] {
  return [by(sql`cast(substr(${column}, ${sql.raw(String(prefix.length + 1))}) as integer)`, dir), by(column, dir)];
}

/**
 * Natural order for free-form codes sharing a stem (M-WS07-2 < M-WS07-10,
 * INV-99 < INV-100): shorter first, then text. Among codes with the same
 * stem, one more digit means a larger number, so length then text is the
 * numeric order without parsing the code; portable (length and text only).
 * Codes of different stems come out grouped by length, which is why lists
 * whose codes hang off a workstream order by the workstream's number first.
 */
export function byCodeLength(column: AnyColumn | SQL, dir: Dir = "asc"): SQL[] {
  return [by(sql`length(${column})`, dir), by(column, dir)];
}

/** The same order for codes already in memory. */
export function compareCodeNumbers(prefix: string) {
  const n = (code: string) => Number(code.slice(prefix.length));
  return (a: string, b: string) => n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0);
}
