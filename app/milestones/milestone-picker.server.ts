import { and, asc, eq, inArray, ne, notInArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { milestoneDependencies, milestones } from "#db/schema";
import { searchAny } from "~/lists/search.server";
import { DEPENDENCY_QUERY, LINKED_MILESTONE_QUERY } from "./milestone-schemas";
import { capped, PICKER_LIMIT, type PickerCandidates, type PickerOption, readPicker } from "~/pickers/picker-params";

type Read = Pick<Db, "select">;

const label = (m: { code: string; title: string }) => `${m.code} · ${m.title}`;
const option = (m: { id: number; code: string; title: string }): PickerOption => ({ value: String(m.id), label: label(m) });

/** The chosen milestones, by id, for a picker's chips (unknown ids are left out; the save refuses them with a reason). */
export function milestonesById(db: Read, ids: readonly number[]): PickerOption[] {
  if (!ids.length) return [];
  const rows = db
    .select({ id: milestones.id, code: milestones.code, title: milestones.title })
    .from(milestones)
    .where(inArray(milestones.id, [...ids]))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [option(row)] : [];
  });
}

/**
 * Milestones that already depend on `milestoneId`, directly or through
 * others: choosing one of them as a dependency would close a cycle, so the
 * picker does not offer them (the save still checks, app/milestones/dependency-cycle.ts).
 * A recursive common table expression, which SQLite and PostgreSQL both read.
 */
function dependsOnTransitively(milestoneId: number): SQL {
  return sql`${milestones.id} not in (
    with recursive dependents(id) as (
      select milestone_id from ${milestoneDependencies} where depends_on_id = ${milestoneId}
      union
      select d.milestone_id from ${milestoneDependencies} d join dependents on d.depends_on_id = dependents.id
    )
    select id from dependents
  )`;
}

/**
 * At most PICKER_LIMIT milestones whose code or title contains `q`, in code
 * (text) order, leaving out those already chosen and, for an existing milestone,
 * itself and every milestone that depends on it.
 */
export function milestoneCandidates(db: Read, options: { q: string; chosen: readonly number[]; forMilestone?: number }): PickerCandidates {
  const where = [searchAny(options.q, [milestones.code, milestones.title])];
  if (options.chosen.length) where.push(notInArray(milestones.id, [...options.chosen]));
  if (options.forMilestone !== undefined) where.push(ne(milestones.id, options.forMilestone), dependsOnTransitively(options.forMilestone));
  const rows = db
    .select({ id: milestones.id, code: milestones.code, title: milestones.title })
    .from(milestones)
    .where(and(...where))
    // Plain code order walks the code's unique index and stops at the page: no sort of 55,000 rows per keystroke.
    .orderBy(asc(milestones.code))
    .limit(PICKER_LIMIT + 1)
    .all();
  const { rows: shown, more } = capped(rows);
  return { options: shown.map(option), more };
}

/** A milestone's saved dependencies, by id (bounded by what one milestone can depend on). */
export function savedDependencyIds(db: Read, milestoneId: number): number[] {
  return db
    .select({ id: milestoneDependencies.dependsOnId })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.milestoneId, milestoneId))
    .all()
    .map((r) => r.id);
}

/**
 * The "Depends on" picker of a milestone form: the chosen milestones (those
 * the URL carries after a Find, else the saved ones) and the candidates for
 * the search, never the whole table.
 */
export function dependencyPicker(db: Read, url: URL, options: { saved: readonly number[]; forMilestone?: number }) {
  const request = readPicker(url, { query: DEPENDENCY_QUERY, field: "dependsOn" });
  const chosenIds = request.searched ? request.ids : [...options.saved];
  return {
    searched: request.searched,
    query: request.q,
    chosen: milestonesById(db, chosenIds),
    candidates: milestoneCandidates(db, { q: request.q, chosen: chosenIds, forMilestone: options.forMilestone }),
  };
}
export type DependencyPicker = ReturnType<typeof dependencyPicker>;

/** A single "linked milestone" picker (an engagement's deliverable): the one chosen at the last Find, if any, and the candidates. */
export function linkedMilestonePicker(db: Read, url: URL) {
  const request = readPicker(url, { query: LINKED_MILESTONE_QUERY, field: "milestoneId" });
  const chosenIds = request.ids.slice(0, 1);
  return {
    searched: request.searched,
    query: request.q,
    chosen: milestonesById(db, chosenIds),
    candidates: milestoneCandidates(db, { q: request.q, chosen: chosenIds }),
  };
}
