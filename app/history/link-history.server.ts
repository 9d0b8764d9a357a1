import { and, eq, isNull } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "#db/connection";
import type { HistoryTable } from "./versions.server";

type Writer = Pick<Tx | Db, "select" | "insert" | "update">;

/**
 * The history of a many-to-many link (decision 011): one row per link with
 * the interval it was in force, e.g. a measure's workstreams or a risk's CSF
 * categories. `owner`/`target` are the columns naming the two ends, and
 * `ownerKey`/`targetKey` their properties in an insert.
 */
export type LinkHistorySpec = {
  table: HistoryTable & { id: SQLiteColumn };
  owner: SQLiteColumn;
  target: SQLiteColumn;
  ownerKey: string;
  targetKey: string;
};

/**
 * Brings the owner's open links in line with the set it is about to have:
 * links that go are ended at `at`, links that come are opened from `at`,
 * links that stay are left alone. Called in the transaction that changes the
 * live link table, by every writer of it (form, import, demo seed).
 */
export function recordLinkSet<T extends string | number>(
  tx: Writer,
  spec: LinkHistorySpec,
  ownerId: number,
  targets: readonly T[],
  at: string = new Date().toISOString(),
) {
  const open = and(eq(spec.owner, ownerId), isNull(spec.table.validTo));
  const current = tx.select({ id: spec.table.id, target: spec.target }).from(spec.table).where(open).all() as Array<{ id: number; target: T }>;
  const wanted = new Set(targets);
  for (const c of current)
    if (!wanted.has(c.target))
      tx.update(spec.table)
        .set({ validTo: at } as never)
        .where(eq(spec.table.id, c.id))
        .run();
  const kept = new Set(current.map((c) => c.target));
  for (const target of wanted)
    if (!kept.has(target))
      tx.insert(spec.table)
        .values({ [spec.ownerKey]: ownerId, [spec.targetKey]: target, validFrom: at, validTo: null } as never)
        .run();
}
