import { useSubmit } from "@remix-run/react";
import { type KeyboardEvent, type MouseEvent, useId } from "react";
import { PICKER_LIMIT, type PickerCandidates, type PickerOption } from "~/pickers/picker-params";

type Props = {
  /** The form field the chosen values are sent as (e.g. `dependsOn`). */
  name: string;
  label: string;
  hint?: string;
  chosen: PickerOption[];
  candidates: PickerCandidates;
  /** The GET parameter of the search (e.g. `dep_q`) and its current text. */
  queryName: string;
  query: string;
  /** One value or none (radio buttons, with this label for "none") instead of several. */
  single?: { noneLabel: string };
  errors?: string[];
  errorId?: string;
};

const target = "inline-flex min-h-6 items-center gap-2";

/**
 * A choice among more records than a page can list (55,000 milestones at
 * scale): the chosen ones as chips, loaded by id, and at most PICKER_LIMIT
 * candidates found on the server by code or title. "Find" submits the whole
 * form by GET, so the page comes back with the matches and with everything
 * typed so far: without JavaScript the loader refills the form from the URL;
 * with it, the same GET is a client navigation and the inputs keep their text.
 * Chosen values and candidates are ordinary checkboxes (or radios) of the
 * field's name, so saving needs no script either. docs/decisions/020.
 */
export function SearchPicker({ name, label, hint, chosen, candidates, queryName, query, single, errors, errorId }: Props) {
  const id = useId();
  const submit = useSubmit();
  const type = single ? "radio" : "checkbox";
  const find = (form: HTMLFormElement | null) => {
    if (form) submit(form, { method: "get", preventScrollReset: true, replace: true });
  };
  const onFind = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    find(event.currentTarget.form);
  };
  // Enter in the search box finds rather than saves the form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    find(event.currentTarget.form);
  };
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? errorId : undefined} data-testid={`picker-${name}`}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {single ? (
        <ul className="space-y-1 text-sm" aria-label={`${label}: chosen`}>
          <li>
            <label className={target}>
              <input type="radio" name={name} value="" defaultChecked={chosen.length === 0} />
              {single.noneLabel}
            </label>
          </li>
          {chosen.slice(0, 1).map((o) => (
            <li key={o.value}>
              <label className={target}>
                <input type="radio" name={name} value={o.value} defaultChecked />
                {o.label}
              </label>
            </li>
          ))}
        </ul>
      ) : chosen.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={`${label}: chosen`}>
          {chosen.map((o) => (
            <li key={o.value}>
              <label className={`${target} gap-1.5 rounded-full border border-sky-700 bg-sky-50 px-2.5 py-0.5 text-sm text-sky-950`}>
                <input type="checkbox" name={name} value={o.value} defaultChecked />
                {o.label}
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">None chosen.</p>
      )}
      <div className="rounded border border-slate-300 bg-white p-2">
        <label htmlFor={`${id}-q`} className="block text-xs font-medium text-slate-700">
          Find by code or title
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id={`${id}-q`}
            type="search"
            name={queryName}
            defaultValue={query}
            maxLength={100}
            onKeyDown={onKeyDown}
            className="block w-full rounded border border-slate-300 px-2 py-1 text-sm"
            autoComplete="off"
          />
          <button
            type="submit"
            formMethod="get"
            formNoValidate
            onClick={onFind}
            className="min-h-6 rounded border border-slate-400 bg-slate-50 px-3 py-1 text-sm text-slate-900 hover:bg-slate-100"
          >
            Find
          </button>
        </div>
        <ul className="mt-2 space-y-1 text-sm" aria-label={`${label}: matches`}>
          {candidates.options.map((o) => (
            <li key={o.value}>
              <label className={target}>
                <input type={type} name={name} value={o.value} />
                {o.label}
              </label>
            </li>
          ))}
          {candidates.options.length === 0 ? <li className="text-slate-600">No match{query ? ` for “${query}”` : ""}.</li> : null}
        </ul>
        {candidates.more ? (
          <p className="mt-1 text-xs text-slate-600">Showing the first {PICKER_LIMIT} matches: type more of the code or title and press Find.</p>
        ) : null}
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

/**
 * Pressing Enter in a text field submits a form through its first submit
 * button; a picker's Find button must not be that one, so forms with a
 * picker start with this (unseen, out of the tab order) default button.
 */
export function DefaultSubmit() {
  return (
    <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
      Save
    </button>
  );
}

/**
 * The chosen options to show: after a refused save, what was submitted
 * (labels from the options the page had loaded); otherwise what the loader chose.
 */
export function chosenAfterSubmit(
  submitted: { initialValue?: Record<string, unknown> | null } | undefined,
  name: string,
  loaded: PickerOption[],
  candidates: PickerCandidates,
): PickerOption[] {
  if (!submitted) return loaded;
  const raw = submitted.initialValue?.[name];
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" && raw ? [raw] : [];
  const labels = new Map([...loaded, ...candidates.options].map((o) => [o.value, o.label]));
  return values.map((value) => ({ value, label: labels.get(value) ?? `#${value}` }));
}
