import { formatBp, ratioBp } from "~/money/cents";
import { formatCents } from "~/utils/format";
import type { ObligationSummary } from "~/figures/obligations.server";
import { ProgressBar } from "./progress-bar";

export function Progress({ o }: { o: Pick<ObligationSummary, "spend" | "measure"> }) {
  if (o.spend) {
    const s = o.spend;
    return (
      <div className="space-y-1">
        <p className="whitespace-nowrap tabular-nums" data-testid="spend-progress">
          {formatCents(s.progressCents)} of {formatCents(s.targetCents)} ({formatBp(s.progressBp)})
        </p>
        <ProgressBar
          bp={s.progressBp}
          projectedBp={s.projectedCents != null ? ratioBp(s.projectedCents, s.targetCents) : null}
          label={`${formatBp(s.progressBp)} of the spend target reached`}
        />
      </div>
    );
  }
  const m = o.measure!;
  return (
    <p className="tabular-nums" data-testid="measure-progress">
      {m.done}/{m.total} milestones done{m.slipped ? `, ${m.slipped} slipped` : ""}
      {m.overdue ? `, ${m.overdue} overdue` : ""}
    </p>
  );
}

export function Forecast({ o }: { o: Pick<ObligationSummary, "spend" | "measure" | "dueDate"> }) {
  if (o.spend) {
    const s = o.spend;
    if (s.phase === "before") return <span>Window not open yet</span>;
    if (s.phase === "closed") return <span className={s.willMeet ? "text-green-800" : "text-red-700"}>{s.willMeet ? "Met" : "Missed"} (window closed)</span>;
    return (
      <span className={s.willMeet ? "text-green-800" : "text-red-700"}>
        {s.willMeet ? "On track" : "Will fall short"}: {formatCents(s.projectedCents ?? 0)} projected by window end; needs{" "}
        {formatCents(s.neededPer30DaysCents ?? 0)} per 30 days
      </span>
    );
  }
  const m = o.measure!;
  if (m.total === 0) return <span className="text-slate-500">No linked milestones</span>;
  if (m.done === m.total) return <span className="text-green-800">All linked milestones done</span>;
  return (
    <span className={m.overdue || m.slipped ? "text-amber-800" : ""}>
      {m.overdue ? "Overdue milestones" : m.slipped ? "Slipping" : "On plan"}
      {o.dueDate ? `, due ${o.dueDate}` : ""}
    </span>
  );
}
