import { getTableName, is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "#db/schema";
import { classifyTable } from "./tables";

/** What the generator needs to know about one table, read from the Drizzle schema. */
export type TablePlan = {
  name: string;
  columns: string[];
  /** The integer `id` primary key, if the table has one; copies get `id + copy × offset`. */
  idColumn: string | null;
  /** Column → referenced table, for single-column foreign keys. */
  foreignKeys: Map<string, string>;
  /** Text columns with a single-column unique index (references, codes). */
  uniqueText: string[];
  copied: boolean;
  reason: string;
};

export function schemaTables(): SQLiteTable[] {
  return (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
}

export function planTable(table: SQLiteTable): TablePlan | { name: string; unclassified: true } {
  const config = getTableConfig(table);
  const foreignKeys = new Map<string, string>();
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const [column] = ref.columns;
    if (ref.columns.length === 1 && column) foreignKeys.set(column.name, getTableName(ref.foreignTable));
  }
  const classification = classifyTable(config.name, [...foreignKeys.values()]);
  if (!classification) return { name: config.name, unclassified: true };
  const pk = config.columns.find((c) => c.primary);
  const idColumn = pk && pk.columnType === "SQLiteInteger" && !foreignKeys.has(pk.name) ? pk.name : null;
  const textColumns = new Set(config.columns.filter((c) => c.columnType === "SQLiteText").map((c) => c.name));
  const uniqueText = config.indexes
    .filter((i) => i.config.unique && i.config.columns.length === 1)
    .map((i) => (i.config.columns[0] as { name?: string }).name ?? "")
    .filter((name) => textColumns.has(name));
  return {
    name: config.name,
    columns: config.columns.map((c) => c.name),
    idColumn,
    foreignKeys,
    uniqueText,
    copied: classification.copied,
    reason: classification.reason,
  };
}

/** Every table of the schema, classified; throws naming any table in neither list. */
export function planSchema(): TablePlan[] {
  const plans = schemaTables().map(planTable);
  const missing = plans.filter((p) => "unclassified" in p).map((p) => p.name);
  if (missing.length) {
    throw new Error(`db/seed/scale/tables.ts does not say whether to copy ${missing.join(", ")}: add each to COPIED_TABLES or NOT_COPIED_TABLES.`);
  }
  return plans as TablePlan[];
}

/** Copied tables, referenced tables first, so each copy's foreign keys point at rows already written. */
export function copyOrder(plans: TablePlan[]): TablePlan[] {
  const copied = new Map(plans.filter((p) => p.copied).map((p) => [p.name, p]));
  const ordered: TablePlan[] = [];
  const visiting = new Set<string>();
  const visit = (p: TablePlan) => {
    if (ordered.includes(p) || visiting.has(p.name)) return;
    visiting.add(p.name);
    for (const target of p.foreignKeys.values()) {
      const dep = copied.get(target);
      if (dep && dep !== p) visit(dep);
    }
    ordered.push(p);
  };
  for (const p of copied.values()) visit(p);
  return ordered;
}
