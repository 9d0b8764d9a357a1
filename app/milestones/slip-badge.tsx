import { formatSlip } from "./slip";

/** Slip as words with a colour; the words carry the meaning, so it reads in print. */
export function SlipBadge({ days, overdue }: { days: number; overdue?: boolean }) {
  const tone = days > 45 ? "text-red-800 font-semibold" : days > 14 ? "text-amber-800 font-semibold" : days > 0 ? "text-amber-700" : "text-slate-600";
  return (
    <span className={`whitespace-nowrap ${tone}`} data-slip={days}>
      {formatSlip(days)}
      {overdue ? <span className="ml-1 rounded bg-red-100 px-1 text-xs font-semibold text-red-900">overdue</span> : null}
    </span>
  );
}
