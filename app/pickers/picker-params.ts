import { z } from "zod";

/** Candidates a picker shows per search: enough to choose from, few enough to render at any size of programme. */
export const PICKER_LIMIT = 25;
/** Chosen values a picker carries in a URL; far beyond any real milestone's dependencies or risk's links. */
export const MAX_PICKED = 200;
export const MAX_PICKER_QUERY = 100;

export type PickerOption = { value: string; label: string };
export type PickerCandidates = { options: PickerOption[]; more: boolean };

const QuerySchema = z.string().trim().max(MAX_PICKER_QUERY, `Search with at most ${MAX_PICKER_QUERY} characters.`);
const IdsSchema = z
  .array(
    z
      .string()
      .regex(/^[1-9]\d{0,15}$/, "Chosen values are record numbers.")
      .transform(Number),
  )
  .max(MAX_PICKED, `Choose at most ${MAX_PICKED}.`)
  .transform((ids) => [...new Set(ids)]);

/**
 * What a picker's "Find" sent: the search text (`query`, e.g. `dep_q`) and
 * the values chosen at that moment (the form's own field, e.g. `dependsOn`,
 * since Find submits the whole form by GET). `searched` is false on a plain
 * visit: the form then starts from the saved record. A bad value is a 400
 * with the reason rather than a silently different list.
 */
export type PickerRequest = { q: string; ids: number[]; searched: boolean };

export function readPicker(url: URL, names: { query: string; field: string }): PickerRequest {
  const searched = url.searchParams.has(names.query);
  const q = QuerySchema.safeParse(url.searchParams.get(names.query) ?? "");
  if (!q.success) throw new Response(`${names.query}: ${q.error.issues[0]?.message}`, { status: 400 });
  const ids = IdsSchema.safeParse(url.searchParams.getAll(names.field).filter((v) => v !== ""));
  if (!ids.success) throw new Response(`${names.field}: ${ids.error.issues[0]?.message}`, { status: 400 });
  return { q: q.data, ids: ids.data, searched };
}

/** Whether any picker of the form sent a search: the URL then holds the whole form as the user left it. */
export function anySearched(...pickers: PickerRequest[]): boolean {
  return pickers.some((p) => p.searched);
}

const DraftValue = z.string().max(4000);

/**
 * The form's other fields as they were when Find was pressed, to fill the
 * form again when the page reloads without JavaScript (with JavaScript the
 * inputs keep their text anyway). Only the named fields; an over-long value
 * is dropped, and an absent one is empty (an unticked checkbox sends nothing).
 */
export function formDraft<K extends string>(url: URL, fields: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const field of fields) {
    const parsed = DraftValue.safeParse(url.searchParams.get(field) ?? "");
    out[field] = parsed.success ? parsed.data : "";
  }
  return out;
}

/** The first `limit` rows of a query asked for `limit + 1`, and whether there were more. */
export function capped<T>(rows: T[], limit = PICKER_LIMIT): { rows: T[]; more: boolean } {
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
