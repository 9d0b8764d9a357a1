import { and, eq, gte, isNull, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "#db/connection";

/**
 * Effective-dated history (docs/decisions/011-effective-dated-history.md).
 *
 * Every entity whose attributes feed a figure has a history table holding one
 * row per version: the attributes as they were, in force from `valid_from`
 * until `valid_to`. The live table stays the place edits happen (with its
 * `version` for optimistic concurrency); each change also closes the current
 * version and opens a new one, in the same transaction. Figures read the
 * history, never the live columns, so "as of D" and "today" are one query.
 */
export type HistoryTable = SQLiteTable & { validFrom: SQLiteColumn; validTo: SQLiteColumn };

export type HistorySpec<Row = Record<string, unknown>> = {
  /** The history table. */
  table: HistoryTable;
  /** Its column naming the entity (e.g. `milestoneHistory.milestoneId`). */
  entityColumn: SQLiteColumn;
  /** The property that column has in an insert (e.g. `"milestoneId"`). */
  entityKey: string;
  /** The attributes of a live row that the history keeps, keyed as the history table's insert expects. */
  attributes: (row: Row) => Record<string, unknown>;
};

type Writer = Pick<Tx | Db, "select" | "insert" | "update">;

const nowInstant = () => new Date().toISOString();

const same = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(a).every((k) => (a[k] ?? null) === (b[k] ?? null));

/**
 * Records the entity's attributes as the version in force from `at` (now by
 * default; the demo seed and back-dated corrections pass an earlier instant).
 * A change that leaves every kept attribute as it was writes nothing, so the
 * history holds real changes only.
 */
export function recordVersion<Row>(tx: Writer, spec: HistorySpec<Row>, entityId: number, row: Row, at: string = nowInstant()): void {
  const attributes = spec.attributes(row);
  const current = tx
    .select()
    .from(spec.table)
    .where(and(eq(spec.entityColumn, entityId), isNull(spec.table.validTo)))
    .get() as Record<string, unknown> | undefined;
  if (current && same(attributes, current)) return;
  if (current) {
    tx.update(spec.table)
      .set({ validTo: at } as never)
      .where(and(eq(spec.entityColumn, entityId), isNull(spec.table.validTo)))
      .run();
  }
  tx.insert(spec.table)
    .values({ ...attributes, [spec.entityKey]: entityId, validFrom: at, validTo: null } as never)
    .run();
}

/** Ends the entity's current version at `at` (it no longer exists from then on: deleted or unlinked). */
export function endVersion(tx: Writer, spec: Pick<HistorySpec, "table" | "entityColumn">, entityId: number, at: string = nowInstant()): void {
  tx.update(spec.table)
    .set({ validTo: at } as never)
    .where(and(eq(spec.entityColumn, entityId), isNull(spec.table.validTo)))
    .run();
}

/**
 * The version in force at the instant that closes the as-of day (see
 * `asOfInstant`): valid_from < at <= valid_to. A version replaced exactly at
 * midnight belongs to the day that ended then.
 */
export function inForceAt(table: HistoryTable, at: string): SQL {
  return and(lt(table.validFrom, at), or(isNull(table.validTo), gte(table.validTo, at)))!;
}

const registry = new Map<SQLiteTable, HistorySpec<never>>();

/** Declares that every versioned update of `live` also records a version (see app/history/specs.server.ts). */
export function registerHistory<Row>(live: SQLiteTable, spec: HistorySpec<Row>): HistorySpec<Row> {
  registry.set(live, spec as HistorySpec<never>);
  return spec;
}

/** Records a version of `row` when `live` keeps history; called by `updateVersioned` so no edit path can forget. */
export function recordVersionOf(tx: Writer, live: SQLiteTable, row: { id: number }, at?: string): void {
  const spec = registry.get(live) as HistorySpec<{ id: number }> | undefined;
  if (spec) recordVersion(tx, spec, row.id, row, at);
}
