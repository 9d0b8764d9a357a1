import type { RiskLevel } from "#db/schema/enums";
import { humanize } from "~/utils/format";

/** A level as a swatch in the matrix's colour (an SVG fill, since the CSP forbids inline styles) and its word. */
export function LevelBadge({ level, colours, score }: { level: RiskLevel; colours: Record<RiskLevel, string>; score?: string }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <svg width="10" height="10" aria-hidden="true">
        <rect width="10" height="10" rx="2" fill={colours[level]} />
      </svg>
      <span>{humanize(level)}</span>
      {score ? <span className="text-xs text-slate-500 tabular-nums">({score})</span> : null}
    </span>
  );
}

export function RiskFlags({ row }: { row: { aboveAppetite: boolean; acceptanceExpired: boolean; reviewOverdue: boolean; acceptedUntil?: string | null } }) {
  return (
    <span className="flex flex-wrap gap-1">
      {row.acceptanceExpired ? (
        <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900 ring-1 ring-red-700/30" data-flag="acceptance-expired">
          RED: acceptance expired
        </span>
      ) : null}
      {row.aboveAppetite ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">Above appetite</span> : null}
      {row.acceptedUntil ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Accepted until {row.acceptedUntil}</span> : null}
      {row.reviewOverdue ? <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">Review overdue</span> : null}
    </span>
  );
}
