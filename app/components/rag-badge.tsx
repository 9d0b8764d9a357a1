import type { Rag } from "#db/schema/enums";

const STYLE: Record<Rag, string> = {
  green: "bg-green-100 text-green-900 ring-green-700/30",
  amber: "bg-amber-100 text-amber-900 ring-amber-700/30",
  red: "bg-red-100 text-red-900 ring-red-700/30",
};

/** A RAG is never colour alone: the word is always printed, so it reads in print and for colour-blind readers. */
export function RagBadge({ rag, label }: { rag: Rag; label?: string }) {
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold uppercase ring-1 ring-inset ${STYLE[rag]}`}>
      {label ? `${label}: ` : ""}
      {rag}
    </span>
  );
}
