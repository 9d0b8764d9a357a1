import { and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "#db/connection";
import { recordVersionOf } from "~/history/versions.server";
import "~/history/specs.server";

type Versioned = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn };

/**
 * Thrown when an edit was made against an old version of a row. Carries the
 * row as it is now, so the page can show what someone else changed.
 */
export class VersionConflictError<Row = Record<string, unknown>> extends Error {
  constructor(
    readonly entity: string,
    readonly current: Row,
  ) {
    super(`This ${entity} was changed by someone else since you opened it.`);
  }
}

/**
 * `update … set …, version = version + 1 where id = ? and version = ?`:
 * the only way rows are edited. Tables that keep history (app/history)
 * get their new version recorded here too. Returns the updated row; throws
 * VersionConflictError (with the current row) when the version is stale,
 * and a 404 Response when the row is gone.
 */
export function updateVersioned<T extends Versioned>(
  tx: Tx | Db,
  table: T,
  entity: string,
  id: number,
  expectedVersion: number,
  values: Partial<T["$inferInsert"]>,
): T["$inferSelect"] {
  const updated = tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date().toISOString() } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning()
    .all() as T["$inferSelect"][];
  if (updated[0]) {
    // Tables with effective-dated history record the new version in the same transaction.
    recordVersionOf(tx, table, updated[0] as { id: number });
    return updated[0];
  }
  const current = tx
    .select()
    .from(table as SQLiteTable)
    .where(eq(table.id, id))
    .get();
  if (!current) throw new Response(`This ${entity} no longer exists.`, { status: 404 });
  throw new VersionConflictError(entity, current);
}

/** Fields whose values differ between what the editor saw and what is stored now. */
export function changedFields(mine: Record<string, unknown>, current: Record<string, unknown>, fields: string[]) {
  return fields
    .filter((f) => String(mine[f] ?? "") !== String(current[f] ?? ""))
    .map((f) => ({ field: f, yours: mine[f] ?? null, theirs: current[f] ?? null }));
}

/** The 409 body for VersionConflict: the fields that differ between the submission and the stored row. */
export function conflictData(error: VersionConflictError, submitted: Record<string, unknown>, fields: string[]) {
  const current = error.current as Record<string, unknown>;
  return {
    entity: error.entity,
    currentVersion: Number(current.version),
    changes: changedFields(submitted, current, fields),
  };
}
