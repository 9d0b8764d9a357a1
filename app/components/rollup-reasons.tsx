import { Link } from "@remix-run/react";
import { RagBadge } from "~/components/rag-badge";
import type { WorkstreamStatus } from "~/rollups/types";

const DIMS = ["schedule", "cost", "risk", "staleness", "outcome"] as const;

/** The workstream's executive status as the dashboard computes it, each RAG with the reasons behind it. */
export function RollupReasons({ status }: { status: WorkstreamStatus }) {
  return (
    <section aria-labelledby="rollup-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="rollup-heading" className="mb-2 text-lg font-semibold">
        Executive status
      </h2>
      <p className="flex flex-wrap gap-2 text-sm">
        {DIMS.map((d) => (
          <RagBadge key={d} rag={status[d].rag} label={d} />
        ))}
        {status.reported ? <RagBadge rag={status.reported} label="lead reported" /> : null}
      </p>
      {status.overall.reasons.length ? (
        <ul className="mt-2 space-y-1 text-sm">
          {status.overall.reasons.map((r) => (
            <li key={r.text} className="flex gap-2">
              <RagBadge rag={r.rag} />
              <Link to={r.href}>{r.text}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">On track on schedule, cost, risk and reporting.</p>
      )}
    </section>
  );
}
