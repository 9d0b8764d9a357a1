import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { measures, measureValues } from "#db/schema";
import type { MeasureUnit } from "#db/schema/measures";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { recordVersion } from "~/history/versions.server";
import { fiscalYearBounds } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { measureValueSpec } from "./history-specs.server";
import { isPeriod, periodLabel } from "./periods";
import { formatMeasure, measureNumber, parseMeasureValue } from "./units";

type Reader = Pick<Db, "select">;

/** Who may enter a measure's values: anyone holding the `any` grant, otherwise its owner. */
export type ValueEditor = { userId: number; any: boolean };

/** The months a value may be recorded for: from the programme's first month to the current one (a future month has no value yet). */
export function periodBounds(db: Reader, today: string): { first: string; last: string } {
  const p = getProgram(db);
  return { first: fiscalYearBounds(p.startFiscalYear, p.fiscalYearStartMonth).start.slice(0, 7), last: today.slice(0, 7) };
}

/** A period refused beside its cell or row, or null when it may hold a value. */
export function periodProblem(period: string, bounds: { first: string; last: string }): string | null {
  if (!isPeriod(period)) return `"${period}" is not a month: write YYYY-MM, e.g. 2026-03.`;
  if (period > bounds.last) return `${periodLabel(period)} has not happened yet: values run to ${periodLabel(bounds.last)}.`;
  if (period < bounds.first) return `${periodLabel(period)} is before the programme began (${periodLabel(bounds.first)}).`;
  return null;
}

export type GridRow = {
  id: number;
  key: string;
  name: string;
  unit: MeasureUnit;
  cells: Record<string, { text: string; version: number; sourceNote: string } | undefined>;
};

/** The measures the editor may fill in, with their stored values for the months shown. */
export function valueGrid(db: Reader, editor: ValueEditor, months: string[]): GridRow[] {
  const rows = db
    .select({ id: measures.id, key: measures.key, name: measures.name, unit: measures.unit })
    .from(measures)
    .where(editor.any ? undefined : eq(measures.ownerId, editor.userId))
    .orderBy(asc(measures.key))
    .all();
  if (!rows.length || !months.length) return rows.map((r) => ({ ...r, cells: {} }));
  const values = db
    .select()
    .from(measureValues)
    .where(
      and(
        inArray(
          measureValues.measureId,
          rows.map((r) => r.id),
        ),
        gte(measureValues.period, months[0]!),
        lte(measureValues.period, months.at(-1)!),
      ),
    )
    .all();
  return rows.map((r) => ({
    ...r,
    cells: Object.fromEntries(
      values.filter((v) => v.measureId === r.id).map((v) => [v.period, { text: measureNumber(v.value, r.unit), version: v.version, sourceNote: v.sourceNote }]),
    ),
  }));
}

export type CellEdit = { measureId: number; period: string; text: string; seenVersion: number; sourceNote: string };
export type CellError = { measureId: number; period: string; message: string };

/**
 * Stores one value: a new one, or a correction of the stored one (a new
 * version: the history keeps what was known before). Returns a message for
 * the cell when refused.
 */
export function writeValue(
  tx: Tx,
  ctx: AuditContext,
  measure: { id: number; key: string; unit: MeasureUnit },
  edit: { period: string; value: number; sourceNote: string; seenVersion: number | null },
  at?: string,
): { outcome: "created" | "updated" | "unchanged" } | { error: string } {
  const stored = tx
    .select()
    .from(measureValues)
    .where(and(eq(measureValues.measureId, measure.id), eq(measureValues.period, edit.period)))
    .get();
  if (stored && edit.seenVersion !== null && stored.version !== edit.seenVersion) {
    return { error: `Changed by someone else since you opened the grid: now ${formatMeasure(stored.value, measure.unit)}. Reload to see it.` };
  }
  if (!stored && edit.seenVersion !== null && edit.seenVersion > 0) return { error: "This value was removed since you opened the grid. Reload." };
  if (stored && stored.value === edit.value && stored.sourceNote === edit.sourceNote) return { outcome: "unchanged" };
  if (stored) {
    updateVersioned(tx, measureValues, "value", stored.id, stored.version, { value: edit.value, sourceNote: edit.sourceNote, enteredById: ctx.actorId });
    writeAudit(tx, ctx, {
      action: "measure_value.update",
      entity: "measure_value",
      entityId: `${measure.key}:${edit.period}`,
      before: { value: stored.value, sourceNote: stored.sourceNote },
      after: { value: edit.value, sourceNote: edit.sourceNote },
    });
    return { outcome: "updated" };
  }
  const row = tx
    .insert(measureValues)
    .values({ measureId: measure.id, period: edit.period, value: edit.value, sourceNote: edit.sourceNote, enteredById: ctx.actorId })
    .returning()
    .get();
  recordVersion(tx, measureValueSpec, row.id, row, at);
  writeAudit(tx, ctx, {
    action: "measure_value.create",
    entity: "measure_value",
    entityId: `${measure.key}:${edit.period}`,
    after: { value: edit.value, sourceNote: edit.sourceNote },
  });
  return { outcome: "created" };
}

/**
 * Saves the grid's changed cells in one transaction: every cell checked
 * (the measure is the editor's, the month allowed, the number in the
 * measure's unit, nobody changed it meanwhile), all saved or none.
 */
function saveGrid(
  db: Db,
  ctx: AuditContext,
  editor: ValueEditor,
  edits: CellEdit[],
  today: string,
): { ok: true; saved: number } | { ok: false; errors: CellError[] } {
  return db.transaction((tx) => {
    const bounds = periodBounds(tx, today);
    const ids = [...new Set(edits.map((e) => e.measureId))];
    const found = ids.length ? tx.select().from(measures).where(inArray(measures.id, ids)).all() : [];
    const errors: CellError[] = [];
    const planned: Array<{ m: (typeof found)[number]; e: CellEdit; value: number }> = [];
    for (const e of edits) {
      const m = found.find((x) => x.id === e.measureId);
      if (!m || (!editor.any && m.ownerId !== editor.userId)) {
        errors.push({ ...e, message: "You may only enter values for measures you own." });
        continue;
      }
      const periodError = periodProblem(e.period, bounds);
      if (periodError) {
        errors.push({ ...e, message: periodError });
        continue;
      }
      if (e.text.trim() === "") {
        errors.push({ ...e, message: "A value can be corrected, not removed: enter the corrected value." });
        continue;
      }
      const value = parseMeasureValue(e.text, m.unit);
      if (value === null) {
        errors.push({ ...e, message: `"${e.text}" is not a ${m.unit} value${m.unit === "count" ? " (whole numbers)" : " (at most two decimals)"}.` });
        continue;
      }
      planned.push({ m, e, value });
    }
    if (errors.length) return { ok: false as const, errors };
    let saved = 0;
    for (const { m, e, value } of planned) {
      const r = writeValue(tx, ctx, m, { period: e.period, value, sourceNote: e.sourceNote, seenVersion: e.seenVersion });
      if ("error" in r) errors.push({ measureId: e.measureId, period: e.period, message: r.error });
      else if (r.outcome !== "unchanged") saved++;
    }
    // Nothing is half-saved: a conflict on one cell undoes the others.
    if (errors.length) throw new GridRefused(errors);
    return { ok: true as const, saved };
  });
}

class GridRefused extends Error {
  constructor(readonly errors: CellError[]) {
    super("Grid refused");
  }
}

/** `saveGrid`, answering a refusal found after writing began as errors (the transaction has been rolled back). */
export function saveGridSafely(...args: Parameters<typeof saveGrid>): ReturnType<typeof saveGrid> {
  try {
    return saveGrid(...args);
  } catch (error) {
    if (error instanceof GridRefused) return { ok: false, errors: error.errors };
    throw error;
  }
}
