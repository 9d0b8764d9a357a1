import { type AnyColumn, asc, desc, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { ListView } from "./list-links";
import type { ListParams, SortDir } from "./list-params";

export type Page<T> = { rows: T[]; view: ListView };

/**
 * One page of a list: one `count(*)` and one `limit/offset` query, both
 * given by the caller over the same WHERE, so the total always counts the
 * rows being paged. The count runs first so a page past the end (a link
 * kept after rows were deleted) shows the last page instead of nothing.
 * Two statements whatever the table size: the rest of what a row displays
 * is fetched by the caller for the page's rows only, in one query each.
 */
export function runPage<T>(params: ListParams, query: { count: () => number; rows: (window: { limit: number; offset: number }) => T[] }): Page<T> {
  const total = Number(query.count());
  const pageCount = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pageCount);
  const offset = (page - 1) * params.size;
  const rows = total === 0 ? [] : query.rows({ limit: params.size, offset });
  return { rows, view: viewOf(params, { page, total, pageCount, offset, shown: rows.length }) };
}

/**
 * The same for rows already computed in memory (the workstream list's RAG
 * comes from the rollup engine, not from SQL): sliced here so the browser
 * still receives only one page.
 */
export function pageOfArray<T>(params: ListParams, all: T[]): Page<T> {
  return runPage(params, { count: () => all.length, rows: ({ limit, offset }) => all.slice(offset, offset + limit) });
}

function viewOf(params: ListParams, p: { page: number; total: number; pageCount: number; offset: number; shown: number }): ListView {
  return {
    names: params.names,
    page: p.page,
    size: params.size,
    sort: params.sort,
    dir: params.dir,
    q: params.q,
    defaultSort: params.defaultSort,
    defaultDir: params.defaultDir,
    total: p.total,
    pageCount: p.pageCount,
    first: p.shown ? p.offset + 1 : 0,
    last: p.offset + p.shown,
  };
}

/** A column in the chosen direction. */
export function ordered(column: AnyColumn | SQLWrapper, dir: SortDir): SQL {
  return dir === "asc" ? asc(column) : desc(column);
}

/**
 * ORDER BY for a list: the chosen sort's terms then a unique tie-breaker
 * (usually the id), so rows never move between pages from one request to
 * the next when many share a value.
 */
export function orderFor<S extends string>(params: Pick<ListParams<S>, "sort" | "dir">, sorts: Record<S, (dir: SortDir) => SQL[]>, tieBreaker: SQL): SQL[] {
  return [...sorts[params.sort](params.dir), tieBreaker];
}

/** count(*) as a number, the same spelling on SQLite and PostgreSQL. */
export const countAll = sql<number>`count(*)`.mapWith(Number);
