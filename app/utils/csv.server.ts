import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";

export type CsvColumn<Row> = { header: string; value: (row: Row) => string | number | null | undefined };

/** CSV text with a header row. Cells that a spreadsheet would run as a formula are defused. */
export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  return csvHeaderLine(columns) + csvLines(columns, rows);
}

/** The header row alone, for a CSV written in pieces. */
export function csvHeaderLine<Row>(columns: CsvColumn<Row>[]): string {
  return stringify([columns.map((c) => c.header)]);
}

/** Data rows without a header, defused like toCsv's, so a streamed file equals the one built at once. */
export function csvLines<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  return rows.length ? stringify(rows.map((r) => columns.map((c) => defuse(c.value(r))))) : "";
}

// CSV injection: a cell starting with = + - @ (or tab/CR) runs as a formula in Excel.
// Negative numbers stay numbers; text gets a leading apostrophe.
function defuse(value: string | number | null | undefined): string {
  if (value == null) return "";
  if (typeof value === "number") return String(value);
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

/** Undoes defuse() on import, so an exported file imports back unchanged. */
function undefuse(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function csvResponse(filename: string, csv: string | ReadableStream<Uint8Array>): Response {
  return new Response(csv, { headers: attachmentHeaders("text/csv; charset=utf-8", filename) });
}

/** Headers of a download: the file name reduced to safe characters, never cached. */
export function attachmentHeaders(contentType: string, filename: string): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    "Cache-Control": "no-store",
  };
}

export type CsvError = { line: number; column: string | null; message: string };

/**
 * A header row that names a column twice, as an error on line 1 naming the
 * column and both positions. Refused rather than picking one of the two, since
 * either choice silently drops the other column's values.
 */
export function duplicateHeaderError(header: readonly string[]): CsvError | null {
  const seen = new Map<string, number>();
  for (const [i, name] of header.entries()) {
    if (!name) continue;
    const first = seen.get(name);
    if (first !== undefined) {
      return { line: 1, column: name, message: `The column "${name}" appears twice in the header (columns ${first + 1} and ${i + 1}); keep only one.` };
    }
    seen.set(name, i);
  }
  return null;
}
export type CsvParseResult<T> = { ok: true; rows: Array<{ line: number; value: T }> } | { ok: false; errors: CsvError[] };

/**
 * Parses a whole CSV file and validates every row with the schema. The
 * result is all rows or every error, each with its line (1 = header) and
 * column, so an import writes everything or nothing.
 */
export function parseCsv<S extends z.ZodType>(
  text: string,
  rowSchema: S,
  options: { requiredHeaders: string[]; maxRows?: number },
): CsvParseResult<z.infer<S>> {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ line, column: null, message: `The file is not valid CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: [{ line: 1, column: null, message: "The file is empty." }] };
  const duplicate = duplicateHeaderError(header);
  if (duplicate) return { ok: false, errors: [duplicate] };
  const missing = options.requiredHeaders.filter((h) => !header.includes(h));
  if (missing.length) return { ok: false, errors: [{ line: 1, column: null, message: `Missing column(s): ${missing.join(", ")}.` }] };
  if (options.maxRows && body.length > options.maxRows) {
    return { ok: false, errors: [{ line: 1, column: null, message: `The file has ${body.length} rows; the limit is ${options.maxRows}.` }] };
  }
  const rows: Array<{ line: number; value: z.infer<S> }> = [];
  const errors: CsvError[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const record = Object.fromEntries(header.map((h, c) => [h, undefuse(cells[c] ?? "")]));
    const parsed = rowSchema.safeParse(record);
    if (parsed.success) rows.push({ line, value: parsed.data });
    else for (const issue of parsed.error.issues) errors.push({ line, column: issue.path.length ? String(issue.path[0]) : null, message: issue.message });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
