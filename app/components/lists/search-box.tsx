import { Form, useLocation } from "@remix-run/react";
import { keptListFields, type ListView } from "~/lists/list-links";
import { MAX_SEARCH_LENGTH } from "~/lists/list-params";

/**
 * The search input alone, for a list whose filter form already exists: put
 * it inside that form, with <ListFormFields>, so one submit applies both.
 */
export function SearchField({ view, label = "Search", placeholder }: { view: Pick<ListView, "names" | "q">; label?: string; placeholder?: string }) {
  return (
    <label className="block">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      <input
        type="search"
        name={view.names.q}
        defaultValue={view.q}
        maxLength={MAX_SEARCH_LENGTH}
        placeholder={placeholder}
        className="mt-1 rounded border border-slate-300 px-2 py-1"
      />
    </label>
  );
}

/** Hidden fields that keep the chosen order and page size when a filter form is submitted. */
export function ListFormFields({ view }: { view: Parameters<typeof keptListFields>[0] }) {
  return (
    <>
      {keptListFields(view).map((f) => (
        <input key={f.name} type="hidden" name={f.name} value={f.value} />
      ))}
    </>
  );
}

/**
 * A search on its own GET form, for a list without a filter form: it
 * carries the URL's other parameters (filters, order, size) and goes back
 * to page 1.
 */
export function SearchBox({ view, label = "Search", placeholder }: { view: Pick<ListView, "names" | "q">; label?: string; placeholder?: string }) {
  const { search } = useLocation();
  const kept = [...new URLSearchParams(search)].filter(([name]) => name !== view.names.q && name !== view.names.page);
  return (
    <Form method="get" role="search" className="no-print flex items-end gap-2 text-sm">
      {kept.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <SearchField view={view} label={label} placeholder={placeholder} />
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
        Search
      </button>
    </Form>
  );
}
