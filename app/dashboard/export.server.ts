import { inBatches } from "~/exports/batches.server";
import { csvStream } from "~/exports/stream-csv.server";
import { sheet, xlsxStream } from "~/exports/stream-xlsx.server";
import { centsToDecimal } from "~/money/cents";
import type { CsvColumn } from "~/utils/csv.server";
import type { DashboardData } from "./dashboard.server";

type Table = { name: string; columns: Array<CsvColumn<never>>; rows: unknown[] };

function table<Row>(name: string, columns: Array<CsvColumn<Row>>, rows: Row[]): Table {
  return { name, columns: columns as Array<CsvColumn<never>>, rows };
}

/** The dashboard's tables, each exportable; money as decimal dollars with exact cents. */
export function dashboardTables(d: DashboardData): Record<string, Table> {
  return {
    workstreams: table(
      "Workstreams",
      [
        { header: "code", value: (w) => w.code },
        { header: "name", value: (w) => w.name },
        { header: "schedule", value: (w) => w.schedule.rag },
        { header: "cost", value: (w) => w.cost.rag },
        { header: "risk", value: (w) => w.risk.rag },
        { header: "staleness", value: (w) => w.staleness.rag },
        { header: "lead_reported", value: (w) => w.reported ?? "" },
        { header: "overall", value: (w) => w.overall.rag },
        { header: "override", value: (w) => (w.override ? `${w.override.rag} until ${w.override.expiresOn}: ${w.override.reason}` : "") },
        { header: "cost_variance_usd", value: (w) => centsToDecimal(w.cost.varianceCents) },
        { header: "reasons", value: (w) => w.overall.reasons.map((r) => `[${r.rag}] ${r.text}`).join(" | ") },
      ],
      d.status.workstreams,
    ),
    budget: table(
      "Budget",
      [
        { header: "figure", value: (r) => r[0] },
        { header: "usd", value: (r) => centsToDecimal(r[1]) },
      ],
      [
        ["total_plan", d.budget.totals.planCents],
        ["plan_to_date", d.budget.totals.planToDateCents],
        ["actual_to_date", d.budget.totals.actualCents],
        ["committed_to_date", d.budget.totals.committedCents],
        ["variance_to_plan", d.budget.totals.varianceCents],
        ["remaining_plan", d.budget.totals.remainingCents],
        ["plan_not_yet_due", d.budget.totals.planNotYetDueCents],
        ["exposure", d.budget.totals.exposureCents],
        ["estimate_at_completion", d.budget.totals.eacCents],
        ["trend_estimate_at_completion", d.budget.totals.eacTrendCents],
      ] as Array<[string, number]>,
    ),
    risks: table(
      "Top risks",
      [
        { header: "code", value: (r) => r.code },
        { header: "title", value: (r) => r.title },
        { header: "level", value: (r) => r.currentLevel },
        { header: "score", value: (r) => r.currentScore },
        { header: "above_appetite", value: (r) => (r.aboveAppetite ? "yes" : "no") },
      ],
      d.risks.top,
    ),
    obligations: table(
      "Obligations",
      [
        { header: "code", value: (o) => o.code },
        { header: "title", value: (o) => o.title },
        { header: "kind", value: (o) => o.kind },
        { header: "status", value: (o) => o.status },
        { header: "progress_usd", value: (o) => (o.spend ? centsToDecimal(o.spend.progressCents) : "") },
        { header: "target_usd", value: (o) => (o.spend ? centsToDecimal(o.spend.targetCents) : "") },
        { header: "milestones_done", value: (o) => o.measure?.done ?? "" },
        { header: "milestones_total", value: (o) => o.measure?.total ?? "" },
      ],
      d.obligations,
    ),
    // The CSF 2.0 profile (docs/figures.md#csf-20-profile): one row per category, as on /csf.
    coverage: table(
      "CSF 2.0 profile",
      [
        { header: "category", value: (r) => r.category },
        { header: "name", value: (r) => r.name },
        { header: "function", value: (r) => r.fn },
        { header: "current_tier", value: (r) => r.currentTier ?? "" },
        { header: "target_tier", value: (r) => r.targetTier ?? "" },
        { header: "tier_gap", value: (r) => r.tierGap ?? "" },
        { header: "workstreams", value: (r) => r.workstreams.length },
        { header: "open_risks", value: (r) => r.risks.length },
        { header: "measures", value: (r) => r.measures.length },
        { header: "no_work", value: (r) => (r.gap.noWork ? "yes" : "no") },
        { header: "no_measure", value: (r) => (r.gap.noMeasure ? "yes" : "no") },
      ],
      d.coverage,
    ),
  };
}

/** One table as a streamed CSV, or null for an unknown table. */
export function dashboardCsvStream(d: DashboardData, which: string, signal?: AbortSignal): ReadableStream<Uint8Array> | null {
  const t = dashboardTables(d)[which];
  return t ? csvStream(t.columns, inBatches(t.rows as never[]), { signal }) : null;
}

/** Every table as one sheet, streamed. */
export function dashboardWorkbookStream(d: DashboardData, asOf: string, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const sheets = Object.values(dashboardTables(d)).map((t) =>
    sheet<never>({
      name: t.name,
      header: t.columns.map((c) => c.header),
      rows: inBatches(t.rows as never[]),
      cells: (row) => t.columns.map((c) => c.value(row) ?? ""),
    }),
  );
  return xlsxStream(sheets, { created: new Date(`${asOf}T00:00:00Z`), signal });
}

export const DASHBOARD_TABLES = ["workstreams", "budget", "risks", "obligations", "coverage"] as const;
