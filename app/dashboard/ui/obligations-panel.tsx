import { Link } from "@remix-run/react";
import { formatBp } from "~/money/cents";
import { formatCents, humanize } from "~/utils/format";
import type { DashboardData } from "../dashboard.server";
import { SeeAll } from "~/components/see-all";

/** Promises to the court, the regulator and the board: spend against target, measures against their milestones. */
export function ObligationsPanel({
  obligations,
  measureEvidence,
  total = obligations.length,
}: {
  obligations: DashboardData["obligations"];
  measureEvidence: DashboardData["measureEvidence"];
  total?: number;
}) {
  return (
    <section aria-labelledby="obl-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="obl-heading" className="mb-3 text-lg font-semibold">
        Obligations
      </h2>
      <p className="mb-2 text-sm" data-testid="measures-met-with-evidence">
        Measures met with evidence: <strong>{measureEvidence.metWithEvidence}</strong> of {measureEvidence.measures}
        {measureEvidence.evidenceMissing || measureEvidence.evidenceExpired ? (
          <>
            {" "}
            ·{" "}
            <Link to="/evidence?parent=obligation">
              {measureEvidence.evidenceMissing} in place without evidence, {measureEvidence.evidenceExpired} with expired evidence
            </Link>
          </>
        ) : null}
      </p>
      <table>
        <thead>
          <tr>
            <th>Obligation</th>
            <th>Progress</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {obligations.map((o) => (
            <tr key={o.code} data-testid={`obligation-${o.code}`}>
              <td>
                <Link to={`/obligations/${o.code}`} className="font-mono">
                  {o.code}
                </Link>{" "}
                {o.title}
              </td>
              <td className="tabular-nums">
                {o.spend
                  ? `${formatCents(o.spend.progressCents)} of ${formatCents(o.spend.targetCents)} (${formatBp(o.spend.progressBp)})${o.spend.willMeet === false ? " — forecast to fall short" : ""}`
                  : o.measure
                    ? `${o.measure.done} of ${o.measure.total} milestones done${o.measure.slipped ? `, ${o.measure.slipped} slipped` : ""}`
                    : "—"}
              </td>
              <td>
                {humanize(o.assessedStatus)}
                {o.assessedStatus !== o.status ? <span className="block text-xs text-slate-600">recorded: {humanize(o.status)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SeeAll shown={obligations.length} total={total} href="/obligations" noun="obligations" />
    </section>
  );
}
