import { Link } from "@remix-run/react";
import { RagBadge } from "~/components/rag-badge";
import type { Rag } from "#db/schema/enums";
import { SeeAll } from "~/components/see-all";

type Reason = { rag: Rag; text: string; href: string };
type Props = { overall: { rag: Rag; reasons: Reason[] }; dimensions: Record<string, Rag>; asOf: string; total?: number };

/** The programme's RAG, never bare: every reason links to the rows behind it. */
export function HealthPanel({ overall, dimensions, asOf, total = overall.reasons.length }: Props) {
  return (
    <section aria-labelledby="health-heading" className="rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="health-heading" className="text-lg font-semibold">
          Programme health
        </h2>
        <span data-testid="program-rag">
          <RagBadge rag={overall.rag} />
        </span>
        <span className="flex flex-wrap gap-2 text-sm">
          {Object.entries(dimensions).map(([name, rag]) => (
            <RagBadge key={name} rag={rag} label={name} />
          ))}
        </span>
        <span className="ml-auto text-sm text-slate-500">as of {asOf}</span>
      </div>
      {overall.reasons.length ? (
        <ul className="mt-3 space-y-1 text-sm" data-testid="program-reasons">
          {overall.reasons.map((r) => (
            <li key={r.href + r.text} className="flex gap-2">
              <RagBadge rag={r.rag} />
              <Link to={r.href}>{r.text}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">Every workstream is green on schedule, cost, risk and reporting.</p>
      )}
      <SeeAll shown={overall.reasons.length} total={total} href="/workstreams" noun="workstreams not green" />
    </section>
  );
}
