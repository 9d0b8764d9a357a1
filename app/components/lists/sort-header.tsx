import { useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { type ListView, sortHref } from "~/lists/list-links";
import type { SortDir } from "~/lists/list-params";

/**
 * A column header that sorts the list on the server: a plain link (works
 * without JavaScript, reachable by Tab), `aria-sort` on the active column,
 * and a visible arrow for sighted users. `firstDir` is the order a first
 * click gives (dates and amounts usually read best newest/largest first).
 */
export function SortHeader({
  view,
  sort,
  children,
  firstDir = "asc",
  className,
  title,
}: {
  view: Pick<ListView, "names" | "sort" | "dir">;
  sort: string;
  children: ReactNode;
  firstDir?: SortDir;
  className?: string;
  title?: string;
}) {
  const { search } = useLocation();
  const active = view.sort === sort;
  const ariaSort = active ? (view.dir === "asc" ? "ascending" : "descending") : undefined;
  const next = active ? (view.dir === "asc" ? "descending" : "ascending") : firstDir === "asc" ? "ascending" : "descending";
  return (
    <th aria-sort={ariaSort} className={className} title={title} scope="col">
      <a href={sortHref(search, view, sort, firstDir)} className="text-inherit no-underline hover:underline" data-sort={sort}>
        {children}
        <span className="sr-only">, sort {next}</span>
        <span aria-hidden="true" className="ml-1 text-xs text-slate-500">
          {active ? (view.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </a>
    </th>
  );
}
