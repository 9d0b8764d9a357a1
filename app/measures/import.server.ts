import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import type { Db } from "#db/connection";
import { measures } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { type CsvError, parseCsv } from "~/utils/csv.server";
import { periodBounds, periodProblem, type ValueEditor, writeValue } from "./values.server";
import { parseMeasureValue } from "./units";
import { MAX_VALUE_ROWS } from "./limits";

export { MAX_VALUE_ROWS };

export const VALUE_CSV_HEADERS = ["measure_key", "period", "value", "source_note"] as const;

const RowSchema = z.object({
  measure_key: z.string().trim().toUpperCase().min(1, "Give the measure's key.").max(24, "A key has at most 24 characters."),
  period: z.string().trim().max(20, "Write the month as YYYY-MM."),
  value: z.string().trim().min(1, "Give a value.").max(30, "The value is too long."),
  source_note: z.string().trim().max(500, "Keep the source note under 500 characters.").default(""),
});

export type ValueImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; errors: CsvError[] };

/**
 * Imports values from CSV (measure_key, period, value, source_note: the
 * columns of /measures.csv). Idempotent by measure and period: a row equal to
 * the stored value changes nothing, a different one is a correction (a new
 * version, the old one kept in history). Every row is checked first, each
 * problem reported beside its line and column (unknown measure, a period that
 * is not a month, in the future or before the programme, a value not in the
 * measure's unit, the same measure and period twice); nothing is written
 * unless every row is valid.
 */
export function importValues(db: Db, ctx: AuditContext, editor: ValueEditor, text: string, today: string, fileName = "upload.csv"): ValueImportResult {
  const parsed = parseCsv(text, RowSchema, { requiredHeaders: ["measure_key", "period", "value"], maxRows: MAX_VALUE_ROWS });
  if (!parsed.ok) return parsed;
  if (!parsed.rows.length) return { ok: false, errors: [{ line: 1, column: null, message: "The file has a header but no rows." }] };
  return db.transaction((tx) => {
    const bounds = periodBounds(tx, today);
    const byKey = new Map(
      tx
        .select()
        .from(measures)
        .all()
        .map((m) => [m.key, m]),
    );
    const errors: CsvError[] = [];
    const seen = new Map<string, number>();
    const planned: Array<{ m: typeof measures.$inferSelect; period: string; value: number; sourceNote: string }> = [];
    for (const { line, value: r } of parsed.rows) {
      const m = byKey.get(r.measure_key);
      if (!m) {
        errors.push({ line, column: "measure_key", message: `No measure has the key ${r.measure_key}.` });
        continue;
      }
      if (!editor.any && m.ownerId !== editor.userId) {
        errors.push({ line, column: "measure_key", message: `You may only import values for measures you own; ${m.key} is not yours.` });
        continue;
      }
      const periodError = periodProblem(r.period, bounds);
      if (periodError) errors.push({ line, column: "period", message: periodError });
      const value = parseMeasureValue(r.value, m.unit);
      if (value === null)
        errors.push({
          line,
          column: "value",
          message: `"${r.value}" is not a value in ${m.key}'s unit (${m.unit}${m.unit === "count" ? ", whole numbers" : ", at most two decimals"}).`,
        });
      const id = `${m.key}:${r.period}`;
      const first = seen.get(id);
      if (first !== undefined) errors.push({ line, column: "period", message: `${m.key} for ${r.period} is already on line ${first}.` });
      else seen.set(id, line);
      if (!periodError && value !== null && first === undefined) planned.push({ m, period: r.period, value, sourceNote: r.source_note });
    }
    if (errors.length) return { ok: false as const, errors };
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const p of planned) {
      const r = writeValue(tx, ctx, p.m, { period: p.period, value: p.value, sourceNote: p.sourceNote, seenVersion: null });
      if ("outcome" in r) counts[r.outcome]++;
    }
    writeAudit(tx, ctx, {
      action: "measure_values.import",
      entity: "measure_value",
      after: { fileName, fileSha256: encodeHexLowerCase(sha256(new TextEncoder().encode(text))), rows: planned.length, ...counts },
    });
    return { ok: true as const, ...counts };
  });
}
