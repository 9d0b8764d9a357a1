import ExcelJS from "exceljs";
import type { MeasureFigure } from "~/figures/measures.server";
import { type CsvColumn, toCsv } from "~/utils/csv.server";
import { CSF_CATEGORY_INFO } from "~/csf/categories";
import { measureNumber } from "./units";

type ValueRow = { m: MeasureFigure; period: string; value: number | null; target: number | null; status: string | null; sourceNote: string };

function valueRows(figures: MeasureFigure[]): ValueRow[] {
  return figures.flatMap((m) =>
    m.series.map((p) => ({ m, period: p.period, value: p.value, target: p.target, status: p.status, sourceNote: m.sources.get(p.period)?.sourceNote ?? "" })),
  );
}

// The first four columns are the import's (app/measures/import.server.ts): an export imports back unchanged.
const VALUE_COLUMNS: CsvColumn<ValueRow>[] = [
  { header: "measure_key", value: (r) => r.m.key },
  { header: "period", value: (r) => r.period },
  { header: "value", value: (r) => (r.value === null ? "" : measureNumber(r.value, r.m.unit)) },
  { header: "source_note", value: (r) => r.sourceNote },
  { header: "measure_name", value: (r) => r.m.name },
  { header: "unit", value: (r) => r.m.unit },
  { header: "target", value: (r) => (r.target === null ? "" : measureNumber(r.target, r.m.unit)) },
  { header: "status", value: (r) => (r.value === null ? "missing" : (r.status ?? "no target")) },
];

/** Every period of every measure in scope with its value (blank when missing), target and status, as of the date. */
export function measuresCsv(figures: MeasureFigure[]): { csv: string; rows: number } {
  const rows = valueRows(figures).filter((r) => r.value !== null);
  return { csv: toCsv(VALUE_COLUMNS, rows), rows: rows.length };
}

const DEFINITION_COLUMNS: CsvColumn<MeasureFigure>[] = [
  { header: "key", value: (m) => m.key },
  { header: "name", value: (m) => m.name },
  { header: "kind", value: (m) => m.kind.toUpperCase() },
  { header: "unit", value: (m) => m.unit },
  { header: "direction", value: (m) => m.direction },
  { header: "cadence", value: (m) => m.cadence },
  { header: "csf_category", value: (m) => `${m.csfCategory} ${CSF_CATEGORY_INFO[m.csfCategory].name}` },
  { header: "owner", value: (m) => m.ownerName ?? "" },
  { header: "amber_tolerance", value: (m) => measureNumber(m.amberTolerance, m.unit) },
  { header: "red_tolerance", value: (m) => measureNumber(m.redTolerance, m.unit) },
  { header: "appetite", value: (m) => (m.appetite === null ? "" : measureNumber(m.appetite, m.unit)) },
  { header: "workstreams", value: (m) => m.workstreams.map((w) => w.code).join(" ") },
  { header: "obligations", value: (m) => m.obligations.map((o) => o.code).join(" ") },
  { header: "latest_period", value: (m) => m.latest?.period ?? "" },
  { header: "latest_value", value: (m) => (m.latest ? measureNumber(m.latest.value, m.unit) : "") },
  { header: "status", value: (m) => m.status ?? "" },
  { header: "missing_period", value: (m) => m.missingPeriod ?? "" },
  { header: "definition", value: (m) => m.definition },
];

/** A workbook: the definitions with their latest status, and every value beside its target. */
export async function measuresWorkbook(figures: MeasureFigure[], asOf: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Rampart";
  wb.created = new Date(`${asOf}T00:00:00Z`);
  const sheet = (name: string, headers: string[], rows: Array<Array<string | number | null | undefined>>) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r.map((c) => c ?? ""));
    ws.views = [{ state: "frozen", ySplit: 1 }];
  };
  sheet(
    "Measures",
    DEFINITION_COLUMNS.map((c) => c.header),
    figures.map((m) => DEFINITION_COLUMNS.map((c) => c.value(m))),
  );
  const values = valueRows(figures);
  sheet(
    "Values",
    VALUE_COLUMNS.map((c) => c.header),
    values.map((r) => VALUE_COLUMNS.map((c) => c.value(r))),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
