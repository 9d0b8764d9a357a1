import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** A GET form: the filters live in the URL, so a filtered list can be shared and exported as is. */
export function FilterBar({ children, exportHref }: { children: ReactNode; exportHref?: string }) {
  return (
    <Form method="get" className="no-print flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm">
      {children}
      <button type="submit" className="rounded bg-slate-700 px-3 py-1.5 font-medium text-white hover:bg-slate-800">
        Filter
      </button>
      {exportHref ? (
        <a href={exportHref} className="ml-auto" download>
          Export CSV
        </a>
      ) : null}
    </Form>
  );
}

export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <label className="block">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="mt-1 rounded border border-slate-300 bg-white px-2 py-1">
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The workstream filter: a drop-down of a few workstreams, or a code field when there are too many to list. */
export function WorkstreamFilter({ value, options }: { value?: string; options: Array<{ code: string; name: string }> | null }) {
  if (options)
    return <FilterSelect name="workstream" label="Workstream" value={value} options={options.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))} />;
  return (
    <label className="block">
      <span className="block text-xs font-medium text-slate-600">Workstream code</span>
      <input
        name="workstream"
        defaultValue={value ?? ""}
        placeholder="WS-0123"
        size={10}
        maxLength={24}
        autoComplete="off"
        className="mt-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono"
      />
    </label>
  );
}

/** The current query string, to carry the list's filters into its CSV export link. */
export function withSearch(path: string, search: string): string {
  return search ? `${path}${search.startsWith("?") ? search : `?${search}`}` : path;
}
