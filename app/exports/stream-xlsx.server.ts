import { EventEmitter, once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { attachmentHeaders } from "~/utils/csv.server";
import { type Batches, forEachBatch } from "./batches.server";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type SheetSpec<Row> = {
  name: string;
  /** Bold first row; left out for a sheet of label–value pairs. */
  header?: string[];
  /** Column widths, in characters, and number formats by position. */
  columns?: Array<{ width?: number; numFmt?: string }>;
  frozenHeader?: boolean;
  rows: Batches<Row>;
  cells: (row: Row) => Array<string | number | null>;
};

export type XlsxStreamOptions = {
  created?: Date;
  signal?: AbortSignal;
  /** Called once the workbook is complete, with the data rows written per sheet. */
  onComplete?: (rowsPerSheet: number[]) => void;
};

/**
 * An XLSX workbook written by ExcelJS's streaming writer: each row is
 * committed (serialised and released) as soon as it is added, so memory
 * holds one batch, not the workbook (the in-memory workbook took 1.9 GiB for
 * 300,000 rows). Between batches the writer waits for the output to drain
 * (backpressure) and yields to the event loop; an aborted request stops it.
 */
export function xlsxStream(sheets: Array<SheetSpec<never>>, options: XlsxStreamOptions = {}): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = "Rampart";
  if (options.created) book.created = options.created;
  const drained = () => (out.writableNeedDrain && !out.destroyed ? drainOrClose(out) : undefined);

  void (async () => {
    const counts: number[] = [];
    for (const spec of sheets) {
      const sheet = book.addWorksheet(spec.name, spec.frozenHeader ? { views: [{ state: "frozen", ySplit: 1 }] } : {});
      if (spec.columns) sheet.columns = spec.columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
      if (spec.header) {
        const header = sheet.addRow(spec.header);
        header.font = { bold: true };
        header.commit();
      }
      let n = 0;
      const finished = await forEachBatch(spec.rows, options.signal, async (rows) => {
        for (const row of rows) sheet.addRow(spec.cells(row)).commit();
        n += rows.length;
        await zipped(sheet);
        await drained();
      });
      if (!finished || out.destroyed) return;
      sheet.commit();
      counts.push(n);
    }
    await book.commit();
    options.onComplete?.(counts);
  })().catch((error: unknown) => out.destroy(error as Error));
  options.signal?.addEventListener("abort", () => out.destroy(), { once: true });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** The writable side of a Node or readable-stream v2 stream (archiver's), as far as waiting for it to drain goes. */
type Backlog = EventEmitter & { _writableState: { length: number; needDrain: boolean }; destroyed?: boolean };

/**
 * The stream between a worksheet and the zip: ExcelJS writes a sheet's XML
 * into it without waiting (its StreamBuf ignores backpressure), so when rows
 * come faster than zlib compresses them the whole sheet piles up there (74
 * MiB for 232,000 invoices at 100x, issue 12). It is internal to ExcelJS 4.4
 * and archiver (a readable-stream v2 PassThrough), both pinned; if that ever
 * changes this returns undefined and exports still work, only unbounded.
 */
export function sheetBacklog(sheet: ExcelJS.Worksheet): Backlog | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  const first: unknown = Array.isArray(pipes) ? pipes[0] : undefined;
  if (!(first instanceof EventEmitter) || !("_writableState" in first)) return undefined;
  const state = (first as Backlog)._writableState;
  return typeof state?.length === "number" && typeof state.needDrain === "boolean" ? (first as Backlog) : undefined;
}

/** Waits until the zip has taken in what the sheet wrote so far, so a workbook holds about one batch of XML at a time. */
async function zipped(sheet: ExcelJS.Worksheet): Promise<void> {
  const backlog = sheetBacklog(sheet);
  if (backlog?._writableState.needDrain && !backlog.destroyed) await drainOrClose(backlog);
}

/** Resolves on the stream's next "drain" or "close", and removes both listeners either way (a batch each would pile up). */
async function drainOrClose(stream: EventEmitter): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([once(stream, "drain", { signal: stop.signal }), once(stream, "close", { signal: stop.signal })]);
  } finally {
    stop.abort();
  }
}

/** An XLSX download of a streamed workbook. */
export function xlsxResponse(filename: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, { headers: attachmentHeaders(XLSX_TYPE, filename) });
}

/** Ties a sheet's row type to its cell function; the list of sheets then holds sheets of different rows. */
export function sheet<Row>(spec: SheetSpec<Row>): SheetSpec<never> {
  return spec as unknown as SheetSpec<never>;
}
