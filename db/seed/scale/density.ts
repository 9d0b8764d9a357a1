import { sql } from "drizzle-orm";
import type { Tx } from "#db/connection";
import { baseAbove, zeroPad } from "./codes";
import type { Offsets } from "./copy";
import type { TablePlan } from "./plan";

/**
 * Denser copies. The demo has 9 workstreams with about 9 milestones and 3
 * risks each; a real programme of a thousand workstreams has more of both
 * per workstream (issue 12: 60,000 milestones and 25,000 risks at ×100).
 * After the K copies are written, every milestone and risk of the copies
 * (never of the demo itself, so ×1 stays the demo) gets `density − 1` twins
 * in the same workstream, with their history, re-baselines, dependencies,
 * quarterly assessments, acceptances and links: whatever references a
 * milestone or a risk (the "family", read from the schema's foreign keys).
 *
 * Twins get fresh ids (`id + d × offset`), codes that stay unique
 * (M-WS0123-05 → M-WS0123-05-D2; risk numbers shifted by d × the power of
 * ten above the largest, R-01234 → R-21234), and keep every reference
 * outside the family (workstream, owner, obligation), so money, reports and
 * workstreams are untouched and the audit chain is extended, never rewritten.
 */
export const DENSITY_ROOTS = ["milestones", "risks"] as const;

/** Twins per copied milestone and risk, the original included (7 gives about 55,000 milestones and 21,000 risks at ×100). */
export const DEFAULT_DENSITY = 7;

/** Risk codes hold five digits (R-\d{3,5}): the density is lowered so the shifted numbers still fit. */
const RISK_NUMBER_LIMIT = 100_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The copied tables that are, or reference (transitively), a milestone or a risk. */
export function densityFamily(plans: TablePlan[]): TablePlan[] {
  const family = new Set<string>(DENSITY_ROOTS);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of plans) {
      if (!p.copied || family.has(p.name)) continue;
      if ([...p.foreignKeys.values()].some((t) => family.has(t))) {
        family.add(p.name);
        grew = true;
      }
    }
  }
  return plans.filter((p) => p.copied && family.has(p.name));
}

/** The largest number a risk code has now. */
function maxRiskNumber(tx: Tx): number {
  return tx.get<{ n: number | null }>(sql`select max(cast(substr(code, 3) as integer)) as n from risks`).n ?? 0;
}

/** The density actually used: at most `wanted`, and low enough that shifted risk numbers keep five digits. */
export function effectiveDensity(wanted: number, riskBase: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(RISK_NUMBER_LIMIT / riskBase)));
}

function codeSql(plan: TablePlan, ref: string, d: string, riskBase: number): string {
  if (plan.name === "risks") return `'R-' || ${zeroPad(`${d} * ${riskBase} + cast(substr(${ref}, 3) as integer)`, 5)}`;
  return `${ref} || '-D' || cast(${d} as text)`;
}

/**
 * Rows of the copies only: ids above the demo's (`demo`) and up to the
 * largest before this pass (`now`), for the table itself and every family
 * table it references, so a link row is twinned exactly when its ends are.
 */
function copiesFilter(plan: TablePlan, demo: Offsets, now: Offsets): string {
  const conditions: string[] = [];
  const bound = (column: string, table: string) => {
    conditions.push(`t.${quote(column)} > ${demo.get(table) ?? 0} and t.${quote(column)} <= ${now.get(table) ?? 0}`);
  };
  if (plan.idColumn) bound(plan.idColumn, plan.name);
  for (const [column, target] of plan.foreignKeys) {
    if (!now.has(target)) continue;
    if (plan.idColumn) conditions.push(`(t.${quote(column)} is null or t.${quote(column)} <= ${now.get(target)})`);
    else bound(column, target);
  }
  return conditions.length ? conditions.join(" and ") : "1 = 0";
}

/**
 * Writes the twins of one family table in one `insert … select` (no bound
 * variable per row). `demo` holds the demo's largest ids (before the K
 * copies), `now` the largest ids before this pass, for family tables only.
 */
function twinTable(tx: Tx, plan: TablePlan, demo: Offsets, now: Offsets, density: number, riskBase: number): number {
  const columns = plan.columns.map(quote).join(", ");
  const values = plan.columns
    .map((column) => {
      const ref = `t.${quote(column)}`;
      if (column === plan.idColumn) return `${ref} + twins.d * ${now.get(plan.name)}`;
      const target = plan.foreignKeys.get(column);
      if (target !== undefined && now.has(target)) return `${ref} + twins.d * ${now.get(target)}`;
      if (column === "code") return codeSql(plan, ref, "twins.d", riskBase);
      if (plan.uniqueText.includes(column)) return `${ref} || '-D' || cast(twins.d as text)`;
      return ref;
    })
    .join(", ");
  const statement = `with recursive twins(d) as (select 1 union all select d + 1 from twins where d < ${density - 1})
    insert into ${quote(plan.name)} (${columns})
    select ${values} from ${quote(plan.name)} t cross join twins where ${copiesFilter(plan, demo, now)}`;
  return tx.run(sql.raw(statement)).changes;
}

/**
 * The density pass, in the transaction that wrote the copies. `demo` is the
 * offsets read before copying (the demo's largest ids). Returns the rows
 * written per table and the density used.
 */
export function densify(tx: Tx, plans: TablePlan[], demo: Offsets, wanted: number): { density: number; rows: Record<string, number> } {
  const family = densityFamily(plans);
  const riskBase = baseAbove(maxRiskNumber(tx));
  const density = effectiveDensity(wanted, riskBase);
  const rows: Record<string, number> = {};
  if (density < 2) return { density, rows };
  const now: Offsets = new Map();
  for (const p of family) {
    const max = p.idColumn ? tx.get<{ n: number | null }>(sql.raw(`select max(${quote(p.idColumn)}) as n from ${quote(p.name)}`)).n : 0;
    now.set(p.name, max ?? 0);
  }
  for (const p of family) rows[p.name] = twinTable(tx, p, demo, now, density, riskBase);
  return { density, rows };
}
