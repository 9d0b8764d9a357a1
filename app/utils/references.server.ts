import { inArray } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";

/**
 * The ids, among those a form names, that have no row behind `idColumn`:
 * a select's value edited by hand or a row deleted meanwhile. Checked before
 * writing so the answer is a message beside the field, not the 500 of a
 * failed foreign key.
 */
export function missingIds(db: Pick<Db, "select">, idColumn: SQLiteColumn, ids: Iterable<number | null | undefined>): number[] {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === "number"))];
  if (!wanted.length) return [];
  const found = new Set(
    db
      .select({ id: idColumn })
      .from(idColumn.table)
      .where(inArray(idColumn, wanted))
      .all()
      .map((r) => r.id as number),
  );
  return wanted.filter((id) => !found.has(id));
}
