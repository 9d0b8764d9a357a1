import { refreshStatistics } from "#db/statistics";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { parse } from "csv-parse/sync";
import { inArray } from "drizzle-orm";
import type { Db } from "#db/connection";
import { actuals, actualTags } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { type CsvError, duplicateHeaderError, parseCsv } from "~/utils/csv.server";
import { type ColumnMapping, classifyRows, type ExistingActual, IMPORT_FIELDS, type ImportRow, importRowSchema, MAX_IMPORT_ROWS } from "./actuals-import";
import { moneyLookups } from "./lookups.server";
import { spendDateRange } from "./spend-range";
import { getProgram } from "~/settings/settings.server";

// Rows per multi-row INSERT: well under SQLite's bound-variable limit, and few statements for 10,000 rows.
const CHUNK = 400;

export function csvHeaders(text: string): { ok: true; headers: string[] } | { ok: false; error: string } {
  try {
    const records = parse(text.replace(/^\uFEFF/, ""), { to_line: 1, trim: true, skip_empty_lines: true }) as string[][];
    const headers = records[0]?.filter(Boolean) ?? [];
    if (!headers.length) return { ok: false, error: "The file is empty." };
    const duplicate = duplicateHeaderError(records[0]!);
    if (duplicate) return { ok: false, error: `Line 1: ${duplicate.message}` };
    return { ok: true, headers };
  } catch (error) {
    return { ok: false, error: `The file is not valid CSV: ${(error as Error).message}` };
  }
}

/** The first rows as the file has them, keyed by column, so the person can check the mapping by eye. */
export function csvSample(text: string, rows = 10): Array<Record<string, string>> {
  try {
    const [header, ...body] = parse(text.replace(/^\uFEFF/, ""), {
      to_line: rows + 1,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
    return body.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ""])));
  } catch {
    return [];
  }
}

export type ImportCheck =
  | { ok: false; errors: CsvError[] }
  | { ok: true; fresh: Array<{ line: number; value: ImportRow }>; already: Array<{ line: number; value: ImportRow }>; freshCents: number };

function existingByReference(db: Pick<Db, "select">, references: string[]): Map<string, ExistingActual> {
  const found = new Map<string, ExistingActual>();
  for (let i = 0; i < references.length; i += CHUNK) {
    const rows = db
      .select({ reference: actuals.reference, date: actuals.date, amountCents: actuals.amountCents, workstreamId: actuals.workstreamId })
      .from(actuals)
      .where(inArray(actuals.reference, references.slice(i, i + CHUNK)))
      .all();
    for (const r of rows) found.set(r.reference, r);
  }
  return found;
}

/** Validates every row of the file under the mapping; every problem is reported with its line and column. */
export function checkImport(db: Pick<Db, "select">, text: string, mapping: ColumnMapping): ImportCheck {
  const lookups = moneyLookups(db);
  const schema = importRowSchema(mapping, {
    workstreamIdByCode: new Map(lookups.workstreams.map((w) => [w.code.toUpperCase(), w.id])),
    engagementIdBySow: new Map(lookups.engagements.map((e) => [e.sowReference, e.id])),
    dateRange: spendDateRange(getProgram(db), "actual"),
  });
  const requiredHeaders = IMPORT_FIELDS.map((f) => mapping[f.name]).filter((h): h is string => Boolean(h));
  const parsed = parseCsv(text, schema, { requiredHeaders, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return parsed;
  if (!parsed.rows.length) return { ok: false, errors: [{ line: 1, column: null, message: "The file has a header but no rows." }] };
  const existing = existingByReference(
    db,
    parsed.rows.map((r) => r.value.reference),
  );
  const { fresh, already, errors } = classifyRows(parsed.rows, existing, mapping.reference!);
  if (errors.length) return { ok: false, errors };
  return { ok: true, fresh, already, freshCents: fresh.reduce((s, r) => s + r.value.amountCents, 0) };
}

export type ImportResult = { ok: true; imported: number; alreadyImported: number; importedCents: number } | { ok: false; errors: CsvError[] };

/**
 * Checks and writes the whole file in ONE transaction: either every new row
 * (with its tags and a single `actuals.import` audit event summarising the
 * file) is stored, or nothing is. Rows whose reference is already stored
 * with the same date, amount and workstream are skipped, so importing the
 * same export twice adds nothing.
 */
export function importActuals(db: Db, ctx: AuditContext, text: string, mapping: ColumnMapping, fileName: string): ImportResult {
  const result = writeImport(db, ctx, text, mapping, fileName);
  // A large file changes the shape of the biggest table: let the planner see it (db/statistics.ts).
  if (result.ok && result.imported >= LARGE_IMPORT_ROWS) refreshStatistics(db, "light");
  return result;
}

/** Rows from which an import refreshes the planner's statistics. */
const LARGE_IMPORT_ROWS = 1000;

function writeImport(db: Db, ctx: AuditContext, text: string, mapping: ColumnMapping, fileName: string): ImportResult {
  return db.transaction((tx) => {
    const check = checkImport(tx, text, mapping);
    if (!check.ok) return check;
    const now = new Date().toISOString();
    for (let i = 0; i < check.fresh.length; i += CHUNK) {
      const chunk = check.fresh.slice(i, i + CHUNK).map((r) => r.value);
      const inserted = tx
        .insert(actuals)
        .values(chunk.map(({ tags: _tags, ...v }) => ({ ...v, createdAt: now, updatedAt: now })))
        .returning({ id: actuals.id, reference: actuals.reference })
        .all();
      const idByRef = new Map(inserted.map((r) => [r.reference, r.id]));
      const tags = chunk.flatMap((r) => r.tags.map((tag) => ({ actualId: idByRef.get(r.reference)!, tag })));
      for (let j = 0; j < tags.length; j += CHUNK)
        tx.insert(actualTags)
          .values(tags.slice(j, j + CHUNK))
          .run();
    }
    writeAudit(tx, ctx, {
      action: "actuals.import",
      entity: "actual",
      after: {
        fileName,
        fileSha256: encodeHexLowerCase(sha256(new TextEncoder().encode(text))),
        mapping,
        imported: check.fresh.length,
        alreadyImported: check.already.length,
        importedCents: check.freshCents,
        references: check.fresh.length ? { first: check.fresh[0]!.value.reference, last: check.fresh.at(-1)!.value.reference } : null,
      },
    });
    return { ok: true as const, imported: check.fresh.length, alreadyImported: check.already.length, importedCents: check.freshCents };
  });
}
