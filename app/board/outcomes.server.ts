import type { Db } from "#db/connection";
import type { MeasureUnit } from "#db/schema/measures";
import { measureFigures, quarterEndTrend } from "~/figures/measures.server";
import type { MeasureStatus } from "~/measures/glide-path";
import { type FiscalQuarter, previousQuarter } from "~/money/fiscal";

/** A key measure as the board pack freezes it (issue 14): latest value against target, trend over five quarters, change over the quarter. */
export type SnapshotOutcome = {
  key: string;
  name: string;
  kind: string;
  unit: MeasureUnit;
  direction: string;
  status: MeasureStatus | null;
  period: string | null;
  value: number | null;
  target: number | null;
  /** Latest value minus the value three months before it (docs/figures.md#measures). */
  quarterChange: number | null;
  improved: boolean | null;
  /**
   * Per quarter of the five up to the report's, the latest value filed for a month in it (quarterEndTrend).
   * `period` is absent from reports frozen before it was kept; their points are the quarter's last month.
   */
  trend: Array<{ quarter: string; period?: string | null; value: number | null; target: number | null }>;
  missingPeriod: string | null;
};

/** The board's key measures as of the report's date: the same figures as /measures. */
export function outcomesAsOf(db: Pick<Db, "select">, quarter: FiscalQuarter, asOfDate: string, fyStartMonth: number): SnapshotOutcome[] {
  const quarters: FiscalQuarter[] = [quarter];
  while (quarters.length < 5) quarters.unshift(previousQuarter(quarters[0]!));
  return measureFigures(db, asOfDate)
    .filter((m) => m.boardKey)
    .map((m) => ({
      key: m.key,
      name: m.name,
      kind: m.kind,
      unit: m.unit,
      direction: m.direction,
      status: m.status,
      period: m.latest?.period ?? null,
      value: m.latest?.value ?? null,
      target: m.latest?.target ?? null,
      quarterChange: m.quarterChange?.change ?? null,
      improved: m.quarterChange?.improved ?? null,
      trend: quarterEndTrend(m, quarters, fyStartMonth),
      missingPeriod: m.missingPeriod,
    }));
}
