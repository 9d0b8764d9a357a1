import { Link } from "@remix-run/react";
import { formatCents } from "~/utils/format";
import { formatBp } from "~/money/cents";
import type { Figures } from "~/figures/money/rollup";

type Row = { key: string; label: string; href: string | null; figures: Figures };

/** A rollup table: one row per group with plan, spend, variance and estimates; the footer is the sum. */
export function FiguresTable({ rows, caption, testId, total }: { rows: Row[]; caption: string; testId: string; total?: Figures }) {
  return (
    <table data-testid={testId}>
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption.replace(/^By /, "").replace(/^\w/, (c) => c.toUpperCase())}</th>
          <th scope="col" className="text-right">
            Plan
          </th>
          <th scope="col" className="text-right">
            Plan to date
          </th>
          <th scope="col" className="text-right">
            Committed
          </th>
          <th scope="col" className="text-right">
            Actual
          </th>
          <th scope="col" className="text-right">
            Remaining
          </th>
          <th scope="col" className="text-right">
            Variance
          </th>
          <th scope="col" className="text-right">
            Variance %
          </th>
          <th scope="col" className="text-right">
            Burn / qtr
          </th>
          <th scope="col" className="text-right">
            EAC
          </th>
          <th scope="col" className="text-right">
            EAC (trend)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={11} className="text-slate-500">
              Nothing planned or spent in this scope.
            </td>
          </tr>
        ) : null}
        {rows.map((r) => (
          <tr key={r.key} data-row={r.label}>
            <th scope="row" className="text-left font-normal">
              {r.href ? <Link to={r.href}>{r.label}</Link> : r.label}
            </th>
            <Cells f={r.figures} />
          </tr>
        ))}
      </tbody>
      {total ? (
        <tfoot>
          <tr className="font-semibold">
            <th scope="row" className="text-left">
              Total
            </th>
            <Cells f={total} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function Cells({ f }: { f: Figures }) {
  const over = f.varianceCents > 0;
  return (
    <>
      <td className="text-right tabular-nums">{formatCents(f.planCents)}</td>
      <td className="text-right tabular-nums">{formatCents(f.planToDateCents)}</td>
      <td className="text-right tabular-nums">{formatCents(f.committedCents)}</td>
      <td className="text-right tabular-nums" data-cell="actual">
        {formatCents(f.actualCents)}
      </td>
      <td className="text-right tabular-nums">{formatCents(f.remainingCents)}</td>
      <td className={`text-right tabular-nums ${over ? "text-red-700" : ""}`}>{formatCents(f.varianceCents)}</td>
      <td className={`text-right tabular-nums ${over ? "text-red-700" : ""}`}>{formatBp(f.variancePctBp)}</td>
      <td className="text-right tabular-nums">{formatCents(f.burnRateCents)}</td>
      <td className="text-right tabular-nums">{formatCents(f.eacCents)}</td>
      <td className="text-right tabular-nums">{formatCents(f.eacTrendCents)}</td>
    </>
  );
}
