import { Link } from "@remix-run/react";
import { RagBadge } from "~/components/rag-badge";
import type { MilestoneFigures } from "~/figures/milestones.server";
import type { WorkstreamStatus } from "~/rollups/types";
import { formatCents } from "~/utils/format";
import { SeeAll } from "~/components/see-all";

const DIMS = ["schedule", "cost", "risk", "staleness", "outcome"] as const;

/** One row per workstream, a RAG per dimension; each RAG's first reason is printed under the table row. */
export function WorkstreamRagTable({
  workstreams,
  milestones = {},
  total = workstreams.length,
}: {
  workstreams: WorkstreamStatus[];
  milestones?: Record<string, MilestoneFigures>;
  /** How many workstreams the programme has; the table shows the ones needing attention first when it has more. */
  total?: number;
}) {
  return (
    <section aria-labelledby="ws-rag-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="ws-rag-heading" className="mb-3 text-lg font-semibold">
        Workstreams
      </h2>
      <div className="overflow-x-auto">
        <table>
          <thead>
            <tr>
              <th>Workstream</th>
              {DIMS.map((d) => (
                <th key={d} className="capitalize">
                  {d}
                </th>
              ))}
              <th title="Milestones slipped against the baseline in force / against the original baseline">Slipped (now / original)</th>
              <th>Lead reported</th>
              <th>Overall</th>
              <th className="text-right">Cost variance</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {workstreams.map((w) => (
              <tr key={w.code} data-testid={`ws-rag-${w.code}`}>
                <td>
                  <Link to={`/workstreams/${w.code}`} className="font-mono">
                    {w.code}
                  </Link>{" "}
                  {w.name}
                </td>
                {DIMS.map((d) => (
                  <td key={d}>
                    <Link to={w[d].reasons[0]?.href ?? `/workstreams/${w.code}`} aria-label={`${w.code} ${d} ${w[d].rag}`}>
                      <RagBadge rag={w[d].rag} />
                    </Link>
                  </td>
                ))}
                <td className="whitespace-nowrap tabular-nums" data-testid={`ws-slipped-${w.code}`}>
                  {milestones[w.id]?.slipped ?? 0} / {milestones[w.id]?.slippedOriginal ?? 0}
                  {milestones[w.id]?.rebaselined ? (
                    <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">
                      {milestones[w.id]?.rebaselined} re-baselined, {milestones[w.id]?.rebaselinesInPeriod} this quarter
                    </span>
                  ) : null}
                </td>
                <td>{w.reported ? <RagBadge rag={w.reported} /> : "—"}</td>
                <td>
                  <RagBadge rag={w.overall.rag} />
                  {w.override ? <span className="ml-1 text-xs text-slate-500">override</span> : null}
                </td>
                <td className="text-right tabular-nums">
                  {w.cost.variancePctTenths == null ? "—" : `${(w.cost.variancePctTenths / 10).toFixed(1)}% (${formatCents(w.cost.varianceCents)})`}
                </td>
                <td className="max-w-md text-xs text-slate-600">
                  {w.overall.reasons[0] ? <Link to={w.overall.reasons[0].href}>{w.overall.reasons[0].text}</Link> : "On track"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SeeAll shown={workstreams.length} total={total} href="/workstreams" noun="workstreams" />
    </section>
  );
}
