import type { Rag } from "#db/schema/enums";
import { RagBadge } from "~/components/rag-badge";

export function RagOrNone({ rag, source }: { rag: Rag | null; source?: "override" | "rollup" | null }) {
  if (!rag) return <span className="text-xs text-slate-500">not rated</span>;
  return (
    <span className="inline-flex items-center gap-1">
      <RagBadge rag={rag} />
      {source === "override" ? <span className="text-xs text-slate-500">override</span> : null}
    </span>
  );
}
