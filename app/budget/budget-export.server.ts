import ExcelJS from "exceljs";
import { type CsvColumn, toCsv } from "~/utils/csv.server";
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

type ActualRow = BudgetData["actualRows"][number];
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

/** The CSV of what /budget shows for the same URL: the drill-down table, or the actual rows at the deepest level. */
export function budgetCsv(data: BudgetData, allActualRows: ActualRow[]): { csv: string; rows: number } {
  if (data.level === "actuals") return { csv: toCsv(ACTUAL_COLUMNS, allActualRows), rows: allActualRows.length };
  return { csv: toCsv(rollupColumns(LEVEL_HEADER[data.level]), data.levelRows), rows: data.levelRows.length };
}

/** One sheet per view, amounts as numbers of dollars formatted to the cent (Excel's own decimal handling). */
export async function budgetWorkbook(data: BudgetData, actualRows: ActualRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Rampart";
  wb.created = new Date(`${data.asOf}T00:00:00Z`);
  const addRollup = (name: string, first: string, rows: BudgetRow[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([first, ...FIGURE_COLUMNS.map((c) => c.header)]).font = { bold: true };
    // Cells hold exact decimal strings converted once by Excel's parser, not JS floats built from cents.
    for (const r of rows) ws.addRow([r.label, ...FIGURE_COLUMNS.map((c) => toNumberCell(c.value(r.figures)))]);
    ws.columns.forEach((col, i) => {
      col.width = i === 0 ? 36 : 16;
      if (i > 0) col.numFmt = "#,##0.00";
    });
    ws.views = [{ state: "frozen", ySplit: 1 }];
  };
  const summary = wb.addWorksheet("Summary");
  summary.addRow(["Scope", data.scopeLabel]);
  summary.addRow(["As of", data.asOf]);
  for (const c of FIGURE_COLUMNS) summary.addRow([c.header, toNumberCell(c.value(data.totals))]);
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 20;
  addRollup("By fiscal year", "fiscal_year", data.views.fiscalYear);
  addRollup("By quarter", "quarter", data.views.quarter);
  addRollup("By workstream", "workstream", data.views.workstream);
  addRollup("By vendor", "vendor", data.views.vendor);
  addRollup("By category", "category", data.views.category);
  addRollup("By engagement", "engagement", data.views.engagement);
  const act = wb.addWorksheet("Actuals");
  act.addRow(ACTUAL_COLUMNS.map((c) => c.header)).font = { bold: true };
  for (const r of actualRows) act.addRow(ACTUAL_COLUMNS.map((c) => (c.header === "amount" ? toNumberCell(centsToDecimal(r.amountCents)) : (c.value(r) ?? ""))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// A spreadsheet number is a double by definition; parsing the exact decimal text gives the nearest double to the true value.
function toNumberCell(decimal: string): number | string {
  return decimal === "" ? "" : Number(decimal);
}
