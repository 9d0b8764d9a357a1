import { useId, useState } from "react";

type Option = { value: string; label: string };

/**
 * A multiple choice that cannot drop a value by accident (issue 13: a plain
 * click on the old multi-select cleared every other dependency). Chosen
 * values are checked chips, removed one at a time; the rest is a list of
 * checkboxes to add from, filtered as you type. Both are ordinary
 * checkboxes of the same name, so the form works without JavaScript.
 */
export function ChipPicker({
  name,
  label,
  hint,
  options,
  selected,
  errors,
  errorId,
}: {
  name: string;
  label: string;
  hint?: string;
  options: Option[];
  selected: string[];
  errors?: string[];
  errorId?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const chosen = new Set(selected);
  const q = query.trim().toLowerCase();
  const others = options.filter((o) => !chosen.has(o.value));
  const shown = q ? others.filter((o) => o.label.toLowerCase().includes(q)) : others;
  const byValue = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? errorId : undefined} data-testid={`chip-picker-${name}`}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {selected.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={`${label}: chosen`}>
          {selected.map((value) => (
            <li key={value}>
              <label className="inline-flex items-center gap-1.5 rounded-full border border-sky-700 bg-sky-50 px-2.5 py-1 text-sm text-sky-950">
                <input type="checkbox" name={name} value={value} defaultChecked />
                {byValue.get(value) ?? `#${value}`}
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">None chosen.</p>
      )}
      <div className="rounded border border-slate-300 bg-white p-2">
        <label htmlFor={`${id}-filter`} className="block text-xs font-medium text-slate-700">
          Add: filter the list
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm"
          autoComplete="off"
        />
        <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto text-sm" aria-label={`${label}: available`}>
          {shown.map((o) => (
            <li key={o.value}>
              <label className="flex items-center gap-2">
                <input type="checkbox" name={name} value={o.value} />
                {o.label}
              </label>
            </li>
          ))}
          {shown.length === 0 ? <li className="text-slate-600">No match.</li> : null}
        </ul>
      </div>
      {errors?.length ? (
        <ul id={errorId} className="text-sm text-red-700">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
