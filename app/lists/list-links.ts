import type { ListParamNames, SortDir } from "./list-params";

/** What the shared list components need of a list's state: plain data, so loaders can send it to the browser. */
export type ListView = {
  names: ListParamNames;
  page: number;
  size: number;
  sort: string;
  dir: SortDir;
  q: string;
  defaultSort: string;
  defaultDir: SortDir;
  total: number;
  pageCount: number;
  /** 1-based position of the first and last row shown; 0 and 0 when none. */
  first: number;
  last: number;
};

/**
 * The current URL's query string with some parameters replaced (undefined
 * removes one): every link a list draws keeps the list's other filters, so
 * any page, order or size can be shared as it is.
 */
export function withParams(search: string, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === "") params.delete(name);
    else params.set(name, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "?";
}

/** Link to another page of the list, everything else kept. */
export function pageHref(search: string, view: Pick<ListView, "names">, page: number): string {
  return withParams(search, { [view.names.page]: page <= 1 ? undefined : page });
}

/**
 * Link a sortable header draws: the same column again flips the direction,
 * another column starts with its natural one; back to the first page either way.
 */
export function sortHref(search: string, view: Pick<ListView, "names" | "sort" | "dir">, sort: string, firstDir: SortDir): string {
  const dir: SortDir = view.sort === sort ? (view.dir === "asc" ? "desc" : "asc") : firstDir;
  return withParams(search, { [view.names.sort]: sort, [view.names.dir]: dir, [view.names.page]: undefined });
}

const count = new Intl.NumberFormat("en-US");

/** "1–50 of 8,000", or "No rows" (with the noun) when the list is empty. */
export function rangeLabel(view: Pick<ListView, "first" | "last" | "total">, noun = "rows"): string {
  if (view.total === 0) return `No ${noun}`;
  return `${count.format(view.first)}–${count.format(view.last)} of ${count.format(view.total)} ${noun}`;
}

/** Hidden inputs a list's filter form carries so that filtering keeps the chosen order and page size (and starts again at page 1). */
export function keptListFields(view: Pick<ListView, "names" | "sort" | "dir" | "size" | "defaultSort" | "defaultDir">): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  if (view.sort !== view.defaultSort || view.dir !== view.defaultDir)
    out.push({ name: view.names.sort, value: view.sort }, { name: view.names.dir, value: view.dir });
  if (view.size !== 50) out.push({ name: view.names.size, value: String(view.size) });
  return out;
}
