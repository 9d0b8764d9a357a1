import { Link } from "@remix-run/react";
import type { CsfCoverageRow } from "../coverage.server";
import { humanize } from "~/utils/format";

const TIERS = ["", "Partial", "Risk informed", "Repeatable", "Adaptive"];

/** NIST CSF 2.0: the work and the open risks per function, and the tier reached against the tier targeted. */
export function CoveragePanel({ rows }: { rows: CsfCoverageRow[] }) {
  return (
    <section aria-labelledby="csf-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="csf-heading" className="mb-3 text-lg font-semibold">
        NIST CSF 2.0 coverage
      </h2>
      <table>
        <thead>
          <tr>
            <th>Function</th>
            <th className="text-right">Workstreams</th>
            <th className="text-right">Open risks</th>
            <th>Current tier</th>
            <th>Target tier</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.fn} data-testid={`csf-${r.fn}`}>
              <td>{humanize(r.fn)}</td>
              <td className="text-right tabular-nums">
                <Link to={`/workstreams?csf=${r.fn}`}>{r.workstreams}</Link>
              </td>
              <td className="text-right tabular-nums">
                <Link to={`/risks?csf=${r.fn}`}>{r.openRisks}</Link>
              </td>
              <td>
                {r.current} {TIERS[r.current]}
              </td>
              <td className={r.current < r.target ? "font-semibold text-amber-800" : ""}>
                {r.target} {TIERS[r.target]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
