import { sql } from "drizzle-orm";
import type { Tx } from "#db/connection";
import { copyCodeSql, suffixSql, type CodeBases } from "./codes";
import type { TablePlan } from "./plan";

/** Largest id of each copied table before copying: copy c of row `id` gets `id + c × offset`. */
export type Offsets = Map<string, number>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The original rows: ids up to the offset, and for link tables every copied end within the originals. */
function originFilter(plan: TablePlan, offsets: Offsets): string {
  const conditions: string[] = [];
  if (plan.idColumn) conditions.push(`t.${quote(plan.idColumn)} <= ${offsets.get(plan.name) ?? 0}`);
  for (const [column, target] of plan.foreignKeys) {
    const offset = offsets.get(target);
    if (offset !== undefined) conditions.push(`(t.${quote(column)} is null or t.${quote(column)} <= ${offset})`);
  }
  return conditions.length ? conditions.join(" and ") : "1 = 1";
}

function columnSql(plan: TablePlan, column: string, offsets: Offsets, bases: CodeBases, factor: number): string {
  const ref = `t.${quote(column)}`;
  if (column === plan.idColumn) return `${ref} + copies.c * ${offsets.get(plan.name)}`;
  const target = plan.foreignKeys.get(column);
  if (target !== undefined && offsets.has(target)) return `${ref} + copies.c * ${offsets.get(target)}`;
  if (column === "code") return copyCodeSql(ref, "copies.c", bases, factor);
  if (plan.uniqueText.includes(column)) return suffixSql(ref, "copies.c");
  return ref;
}

/**
 * Writes copies 1 … factor−1 of one table's original rows in a single
 * `insert … select`: no bound variable per row, whatever the factor.
 * Returns the number of rows written.
 */
export function copyTable(tx: Tx, plan: TablePlan, offsets: Offsets, bases: CodeBases, factor: number): number {
  if (factor < 2) return 0;
  const columns = plan.columns.map(quote).join(", ");
  const values = plan.columns.map((c) => columnSql(plan, c, offsets, bases, factor)).join(", ");
  const statement = `with recursive copies(c) as (select 1 union all select c + 1 from copies where c < ${factor - 1})
    insert into ${quote(plan.name)} (${columns})
    select ${values} from ${quote(plan.name)} t cross join copies where ${originFilter(plan, offsets)}`;
  return tx.run(sql.raw(statement)).changes;
}

/** Offsets are read once, before any copy, so every table's copies line up with the same copy numbers. */
export function readOffsets(tx: Tx, plans: TablePlan[]): Offsets {
  const offsets: Offsets = new Map();
  for (const plan of plans) {
    const max = plan.idColumn ? tx.get<{ n: number | null }>(sql.raw(`select max(${quote(plan.idColumn)}) as n from ${quote(plan.name)}`)).n : 0;
    offsets.set(plan.name, max ?? 0);
  }
  return offsets;
}
