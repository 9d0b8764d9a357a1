import type { ListSpec } from "~/lists/list-params";
import { z } from "zod";
import { COST_CATEGORIES } from "#db/schema/enums";

/**
 * The /budget URL: filters (fy, ws, category, vendor) and the drill-down
 * position (fy → q → ws → the actual rows). Each parameter is validated on
 * its own; an invalid value is dropped (and reported) rather than failing
 * the page, so a stale bookmark still opens.
 */
const FIELDS = {
  fy: z.coerce.number().int().min(2000).max(2100),
  q: z.coerce.number().int().min(1).max(4),
  ws: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/),
  category: z.enum(COST_CATEGORIES),
  vendor: z.coerce.number().int().positive(),
} as const;

export type BudgetQuery = {
  fy?: number;
  q?: 1 | 2 | 3 | 4;
  ws?: string;
  category?: (typeof COST_CATEGORIES)[number];
  vendor?: number;
};

export type DrillLevel = "year" | "quarter" | "workstream" | "actuals";

export function parseBudgetQuery(params: URLSearchParams): { query: BudgetQuery; ignored: string[] } {
  const query: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, schema] of Object.entries(FIELDS)) {
    const raw = params.get(name);
    if (raw == null || raw === "") continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) query[name] = parsed.data;
    else ignored.push(name);
  }
  // A quarter means nothing without its year.
  if (query.q && !query.fy) {
    delete query.q;
    ignored.push("q");
  }
  return { query: query as BudgetQuery, ignored };
}

export function drillLevel(q: BudgetQuery): DrillLevel {
  if (!q.fy) return "year";
  if (!q.q) return "quarter";
  if (!q.ws) return "workstream";
  return "actuals";
}

/** The query string for a budget URL, keeping only set values, in a stable order. */
export function budgetSearch(q: BudgetQuery): string {
  const p = new URLSearchParams();
  for (const k of ["fy", "q", "ws", "category", "vendor"] as const) if (q[k] != null) p.set(k, String(q[k]));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * The budget page's workstream table is paged (`workstreams-page`, `workstreams-size`) in the rollup's order:
 * its figures come from the money views, not from one SQL query per page.
 */
export const BUDGET_WORKSTREAM_LIST: ListSpec<"code"> = { sorts: ["code"], defaultSort: "code", defaultDir: "asc", prefix: "workstreams-" };
