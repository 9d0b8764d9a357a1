import type { MeasureStatus } from "../glide-path";

const STYLE: Record<MeasureStatus, string> = {
  on_track: "bg-green-100 text-green-900 border-green-300",
  amber: "bg-amber-100 text-amber-900 border-amber-300",
  red: "bg-red-100 text-red-900 border-red-300",
};
const LABEL: Record<MeasureStatus, string> = { on_track: "on track", amber: "amber", red: "red" };

/** A measure's status in words and colour (never colour alone). */
export function MeasureStatusBadge({ status }: { status: MeasureStatus | null }) {
  if (!status) return <span className="rounded border border-slate-300 px-1.5 text-xs text-slate-600">not judged</span>;
  return <span className={`rounded border px-1.5 text-xs font-medium ${STYLE[status]}`}>{LABEL[status]}</span>;
}
