import type { measures, measureTargets } from "#db/schema";
import type { MeasureFormValues } from "./ui/measure-form";
import { measureNumber } from "./units";

/** A stored measure as the edit form shows it: amounts in the unit, the glide path one point a line. */
export function formValuesOf(
  row: typeof measures.$inferSelect,
  links: { workstreams: string[]; obligations: string[] },
  targets: Array<Pick<typeof measureTargets.$inferSelect, "period" | "target">>,
): MeasureFormValues {
  return {
    version: String(row.version),
    key: row.key,
    name: row.name,
    definition: row.definition,
    unit: row.unit,
    direction: row.direction,
    kind: row.kind,
    cadence: row.cadence,
    csfCategory: row.csfCategory,
    ownerId: row.ownerId === null ? "" : String(row.ownerId),
    amberTolerance: measureNumber(row.amberTolerance, row.unit),
    redTolerance: measureNumber(row.redTolerance, row.unit),
    appetite: row.appetite === null ? "" : measureNumber(row.appetite, row.unit),
    boardKey: row.boardKey ? "on" : "",
    workstreams: links.workstreams,
    obligations: links.obligations,
    targets: targets.map((t) => `${t.period} ${measureNumber(t.target, row.unit)}`).join("\n"),
  };
}
