import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { sheet, sheetBacklog, xlsxStream } from "~/exports/stream-xlsx.server";

const ROWS = 200_000;
const BATCH = 1000;

describe("streamed workbooks hold about a batch of XML, not a sheet", () => {
  it("finds the stream between a worksheet and the zip (ExcelJS and archiver internals this bound relies on)", () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true, useSharedStrings: false });
    const backlog = sheetBacklog(book.addWorksheet("One"));
    expect(backlog).toBeDefined();
    expect(backlog?._writableState.length).toBe(0);
  });

  it("a 200,000-row sheet (about 70 MiB of XML) never has more than a MiB waiting for the zip", async () => {
    // The sheet the export writes to, to look at what waits between it and the zip each time a batch is asked for.
    const added = vi.spyOn(ExcelJS.stream.xlsx.WorkbookWriter.prototype, "addWorksheet");
    let largest = 0;
    let batches = 0;
    let observed = 0;
    function* invoices(): Generator<Array<{ n: number }>> {
      for (let start = 0; start < ROWS; start += BATCH) {
        const written = added.mock.results[0]?.value as ExcelJS.Worksheet | undefined;
        if (written) {
          largest = Math.max(largest, sheetBacklog(written)?._writableState.length ?? Infinity);
          observed += 1;
        }
        batches += 1;
        yield Array.from({ length: BATCH }, (_, i) => ({ n: start + i }));
      }
    }
    const body = xlsxStream([
      sheet({
        name: "Actuals",
        header: ["Reference", "Vendor", "Amount", "Date", "Description"],
        rows: invoices(),
        cells: (r: { n: number }) => [
          `INV-${r.n}`,
          `Vendor ${r.n % 97} Ltd`,
          100_000 + r.n,
          "2026-03-31",
          `Invoice line ${r.n} for the remediation of finding ${r.n % 400}`,
        ],
      }),
    ]);
    let bytes = 0;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    added.mockRestore();
    expect(batches).toBe(ROWS / BATCH);
    expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(observed).toBe(batches);
    expect(largest).toBeLessThan(1024 * 1024);
  }, 60_000);
});
