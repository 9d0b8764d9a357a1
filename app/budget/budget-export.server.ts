import type { Db } from "#db/connection";
import { inBatches, keysetBatches } from "~/exports/batches.server";
import { csvStream } from "~/exports/stream-csv.server";
import { sheet, xlsxStream } from "~/exports/stream-xlsx.server";
import type { CsvColumn } from "~/utils/csv.server";
import { type ActualFilters, countActuals, listActuals } from "./actuals.server";
import { centsToDecimal } from "~/money/cents";
import type { BudgetData, BudgetRow } from "./budget.server";
import type { Figures } from "~/figures/money.server";

const bpToPercent = (bp: number | null) => (bp == null ? "" : centsToDecimal(bp));

// Money leaves as exact decimal text ("1234.56"), never as a float.
const FIGURE_COLUMNS: Array<{ header: string; value: (f: Figures) => string }> = [
  { header: "plan", value: (f) => centsToDecimal(f.planCents) },
  { header: "plan_to_date", value: (f) => centsToDecimal(f.planToDateCents) },
  { header: "committed", value: (f) => centsToDecimal(f.committedCents) },
  { header: "actual", value: (f) => centsToDecimal(f.actualCents) },
  { header: "remaining", value: (f) => centsToDecimal(f.remainingCents) },
  { header: "variance", value: (f) => centsToDecimal(f.varianceCents) },
  { header: "variance_pct", value: (f) => bpToPercent(f.variancePctBp) },
  { header: "burn_rate_per_quarter", value: (f) => centsToDecimal(f.burnRateCents) },
  { header: "eac", value: (f) => centsToDecimal(f.eacCents) },
  { header: "eac_trend", value: (f) => centsToDecimal(f.eacTrendCents) },
  { header: "plan_not_yet_due", value: (f) => centsToDecimal(f.planNotYetDueCents) },
  { header: "exposure", value: (f) => centsToDecimal(f.exposureCents) },
  { header: "exposure_variance", value: (f) => centsToDecimal(f.exposureVarianceCents) },
];

const rollupColumns = (first: string): CsvColumn<BudgetRow>[] => [
  { header: first, value: (r) => r.label },
  ...FIGURE_COLUMNS.map((c) => ({ header: c.header, value: (r: BudgetRow) => c.value(r.figures) })),
];

type ActualRow = ReturnType<typeof listActuals>[number];
const ACTUAL_COLUMNS: CsvColumn<ActualRow>[] = [
  { header: "reference", value: (r) => r.reference },
  { header: "date", value: (r) => r.date },
  { header: "amount", value: (r) => centsToDecimal(r.amountCents) },
  { header: "workstream", value: (r) => r.workstreamCode },
  { header: "engagement_sow", value: (r) => r.engagementSow },
  { header: "vendor", value: (r) => r.vendorName },
  { header: "category", value: (r) => r.category },
  { header: "cost_class", value: (r) => r.costClass },
  { header: "tags", value: (r) => r.tags.join(";") },
  { header: "description", value: (r) => r.description },
];

const LEVEL_HEADER = { year: "fiscal_year", quarter: "quarter", workstream: "workstream" } as const;

/** Every invoice of the export's scope, read a keyset page at a time. */
export function actualBatches(db: Pick<Db, "select">, filters: ActualFilters) {
  return keysetBatches<ActualRow>((after, size) => listActuals(db, filters, size, after && { date: after.date, reference: after.reference }));
}

/** How many rows the CSV of this URL holds, for the audit event written before it streams. */
export function budgetCsvRowCount(db: Pick<Db, "select">, data: BudgetData): number {
  return data.level === "actuals" ? countActuals(db, data.actualFilters).n : data.levelRows.length;
}

/** The CSV of what /budget shows for the same URL, streamed: the drill-down table, or every actual row at the deepest level. */
export function budgetCsvStream(db: Pick<Db, "select">, data: BudgetData, signal?: AbortSignal): ReadableStream<Uint8Array> {
  if (data.level === "actuals") return csvStream(ACTUAL_COLUMNS, actualBatches(db, data.actualFilters), { signal });
  return csvStream(rollupColumns(LEVEL_HEADER[data.level]), inBatches(data.levelRows), { signal });
}

const ROLLUP_COLUMN_FORMATS = [{ width: 36 }, ...FIGURE_COLUMNS.map(() => ({ width: 16, numFmt: "#,##0.00" }))];
const rollupSheet = (name: string, first: string, rows: BudgetRow[]) =>
  sheet<BudgetRow>({
    name,
    header: [first, ...FIGURE_COLUMNS.map((c) => c.header)],
    columns: ROLLUP_COLUMN_FORMATS,
    frozenHeader: true,
    rows: inBatches(rows),
    // Cells hold exact decimal strings converted once by Excel's parser, not JS floats built from cents.
    cells: (r) => [r.label, ...FIGURE_COLUMNS.map((c) => toNumberCell(c.value(r.figures)))],
  });

/** One sheet per view, amounts as numbers of dollars formatted to the cent (Excel's own decimal handling); the Actuals sheet streams every invoice. */
export function budgetWorkbookStream(db: Pick<Db, "select">, data: BudgetData, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const summary: Array<[string, string | number]> = [
    ["Scope", data.scopeLabel],
    ["As of", data.asOf],
    ...FIGURE_COLUMNS.map((c): [string, string | number] => [c.header, toNumberCell(c.value(data.totals))]),
  ];
  return xlsxStream(
    [
      sheet<[string, string | number]>({ name: "Summary", columns: [{ width: 24 }, { width: 20 }], rows: inBatches(summary), cells: (r) => r }),
      rollupSheet("By fiscal year", "fiscal_year", data.views.fiscalYear),
      rollupSheet("By quarter", "quarter", data.views.quarter),
      rollupSheet("By workstream", "workstream", data.views.workstream),
      rollupSheet("By vendor", "vendor", data.views.vendor),
      rollupSheet("By category", "category", data.views.category),
      rollupSheet("By engagement", "engagement", data.views.engagement),
      sheet<ActualRow>({
        name: "Actuals",
        header: ACTUAL_COLUMNS.map((c) => c.header),
        rows: actualBatches(db, data.actualFilters),
        cells: (r) => ACTUAL_COLUMNS.map((c) => (c.header === "amount" ? toNumberCell(centsToDecimal(r.amountCents)) : (c.value(r) ?? ""))),
      }),
    ],
    { created: new Date(`${data.asOf}T00:00:00Z`), signal },
  );
}

// A spreadsheet number is a double by definition; parsing the exact decimal text gives the nearest double to the true value.
function toNumberCell(decimal: string): number | string {
  return decimal === "" ? "" : Number(decimal);
}
