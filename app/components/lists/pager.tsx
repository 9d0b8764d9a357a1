import { Form, useLocation } from "@remix-run/react";
import { type ListView, pageHref, rangeLabel } from "~/lists/list-links";
import { PAGE_SIZES } from "~/lists/list-params";

/**
 * Where the list is ("1–50 of 8,000"), links to the first, previous, next
 * and last pages, and the page size. Links and a GET form only, so it works
 * without JavaScript and every state is a URL someone can share.
 */
export function Pager({ view, noun = "rows", label = "Pages" }: { view: ListView; noun?: string; label?: string }) {
  const { search } = useLocation();
  const link = (page: number, text: string, rel?: string) =>
    page === view.page || page < 1 || page > view.pageCount ? (
      <span className="text-slate-500">{text}</span>
    ) : (
      <a href={pageHref(search, view, page)} rel={rel}>
        {text}
      </a>
    );
  return (
    <nav aria-label={label} className="no-print mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="pager">
      <p role="status" className="font-medium tabular-nums" data-testid="pager-range">
        {rangeLabel(view, noun)}
      </p>
      {view.pageCount > 1 ? (
        <>
          {link(1, "« First")}
          {link(view.page - 1, "‹ Previous", "prev")}
          <span className="tabular-nums" aria-current="page">
            Page {view.page.toLocaleString("en-US")} of {view.pageCount.toLocaleString("en-US")}
          </span>
          {link(view.page + 1, "Next ›", "next")}
          {link(view.pageCount, "Last »")}
        </>
      ) : null}
      <PageSizeForm view={view} search={search} />
    </nav>
  );
}

/**
 * The page-size choice as a GET form carrying the list's other parameters;
 * a new size starts again at the first page (`drop` names other position
 * parameters to leave out, such as the audit trail's cursor).
 */
export function PageSizeForm({ view, search, drop = [] }: { view: Pick<ListView, "names" | "size">; search: string; drop?: string[] }) {
  const kept = [...new URLSearchParams(search)].filter(([name]) => name !== view.names.size && name !== view.names.page && !drop.includes(name));
  const id = `${view.names.size}-select`;
  return (
    <Form method="get" className="ml-auto flex items-center gap-2">
      {kept.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id}>Rows per page</label>
      <select id={id} name={view.names.size} defaultValue={String(view.size)} className="rounded border border-slate-300 bg-white px-1 py-0.5">
        {PAGE_SIZES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
        Show
      </button>
    </Form>
  );
}
