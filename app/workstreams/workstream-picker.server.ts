import { and, inArray, notInArray } from "drizzle-orm";
import type { Db } from "#db/connection";
import { workstreams } from "#db/schema";
import { searchAny } from "~/lists/search.server";
import { byCodeNumber } from "~/utils/code-order";
import { capped, PICKER_LIMIT, type PickerCandidates, type PickerOption, readPicker } from "~/pickers/picker-params";

type Read = Pick<Db, "select">;

const option = (w: { id: number; code: string; name: string }): PickerOption => ({ value: String(w.id), label: `${w.code} ${w.name}` });

/** The chosen workstreams, by id, for a picker's chips. */
export function workstreamsById(db: Read, ids: readonly number[]): PickerOption[] {
  if (!ids.length) return [];
  const rows = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(workstreams)
    .where(inArray(workstreams.id, [...ids]))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [option(row)] : [];
  });
}

/** At most PICKER_LIMIT workstreams whose code or name contains `q`, in code order, leaving out those already chosen. */
export function workstreamCandidates(db: Read, options: { q: string; chosen: readonly number[] }): PickerCandidates {
  const where = [searchAny(options.q, [workstreams.code, workstreams.name])];
  if (options.chosen.length) where.push(notInArray(workstreams.id, [...options.chosen]));
  const rows = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(workstreams)
    .where(and(...where))
    .orderBy(...byCodeNumber(workstreams.code, "WS-"))
    .limit(PICKER_LIMIT + 1)
    .all();
  const { rows: shown, more } = capped(rows);
  return { options: shown.map(option), more };
}

/**
 * A workstream picker of a form: the chosen workstreams (those the URL
 * carries after a Find, else `saved`) and the candidates for the search.
 */
export function workstreamPicker(db: Read, url: URL, names: { query: string; field: string }, saved: readonly number[]) {
  const request = readPicker(url, names);
  const chosenIds = request.searched ? request.ids : [...saved];
  return {
    searched: request.searched,
    query: request.q,
    chosen: workstreamsById(db, chosenIds),
    candidates: workstreamCandidates(db, { q: request.q, chosen: chosenIds }),
  };
}
