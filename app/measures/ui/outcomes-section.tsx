import { Link } from "@remix-run/react";
import type { SnapshotOutcome } from "~/board/outcomes.server";
import { periodLabel, shortPeriodLabel } from "../periods";
import { quarterChangeText } from "../quarter-change";
import { formatMeasure } from "../units";
import { OutcomeSparkline } from "./outcome-sparkline";
import { MeasureStatusBadge } from "./status-badge";

/**
 * The board report's outcomes, as frozen in its snapshot: each key measure's
 * latest value known at the report's date against its target, its status,
 * its change over the quarter, and five quarter-end values as a sparkline and
 * as numbers.
 */
export function OutcomesSection({ outcomes, linkMeasures }: { outcomes: SnapshotOutcome[] | undefined; linkMeasures: boolean }) {
  if (!outcomes) return null;
  return (
    <section aria-labelledby="outcomes-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="outcomes-heading" className="mb-2 text-lg font-semibold">
        Security outcomes
      </h2>
      {outcomes.length === 0 ? (
        <p className="text-sm">No key measures.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="text-sm" data-testid="board-outcomes">
            <thead>
              <tr>
                <th>Measure</th>
                <th>Status</th>
                <th className="text-right">Latest</th>
                <th className="text-right">Target</th>
                <th className="text-right">Change over the quarter</th>
                <th>Trend</th>
                {outcomes[0]!.trend.map((t) => (
                  <th key={t.quarter} className="text-right">
                    {t.quarter}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.key} data-testid={`board-outcome-${o.key}`}>
                  <td>
                    {linkMeasures ? <Link to={`/measures/${o.key}`}>{o.name}</Link> : o.name}{" "}
                    <span className="text-xs text-slate-500">({o.kind.toUpperCase()})</span>
                    {o.missingPeriod ? <div className="text-xs text-amber-800">No value for {periodLabel(o.missingPeriod)}</div> : null}
                  </td>
                  <td>
                    <MeasureStatusBadge status={o.status} />
                  </td>
                  <td className="text-right tabular-nums">
                    {formatMeasure(o.value, o.unit)}
                    {o.period ? <div className="text-xs text-slate-500">{periodLabel(o.period)}</div> : null}
                  </td>
                  <td className="text-right tabular-nums">{formatMeasure(o.target, o.unit)}</td>
                  <td className="text-right tabular-nums">{quarterChangeText(o.quarterChange, o.improved, o.unit)}</td>
                  <td>
                    <OutcomeSparkline name={o.name} unit={o.unit} trend={o.trend} />
                  </td>
                  {o.trend.map((t) => (
                    <td key={t.quarter} className="text-right tabular-nums">
                      {formatMeasure(t.value, o.unit)}
                      {/* The month the quarter's point is (the report's own quarter may end on an earlier month than its last). */}
                      {t.period ? <div className="text-xs text-slate-500">{shortPeriodLabel(t.period)}</div> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
