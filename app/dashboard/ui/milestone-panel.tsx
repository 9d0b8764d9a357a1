import { Link } from "@remix-run/react";
import type { DashboardData } from "../dashboard.server";

/**
 * The dashboard's milestone figures (docs/figures.md). Slip against the
 * original baseline sits next to slip against the current one, so a
 * re-baseline never makes a slip disappear from the summary.
 */
export function MilestonePanel({ m, asOf }: { m: DashboardData["milestones"]; asOf?: string }) {
  const at = asOf ? `&asOf=${asOf}` : "";
  const items = [
    { label: "Slipped (current baseline)", n: m.slipped, href: `/milestones?slipped=1${at}`, id: "ms-slipped" },
    { label: "Slipped (original baseline)", n: m.slippedOriginal, href: `/milestones?slippedOriginal=1${at}`, id: "ms-slipped-original" },
    { label: "Overdue", n: m.overdue, href: `/milestones?due=overdue${at}`, id: "ms-overdue" },
    { label: "Due in 90 days", n: m.due90, href: `/milestones?due=90${at}`, id: "ms-due90" },
    { label: "Done this quarter", n: m.doneInPeriod, href: `/milestones?status=done${at}`, id: "ms-done-quarter" },
    { label: "Re-baselined", n: m.rebaselined, href: `/milestones?rebaselined=1${at}`, id: "ms-rebaselined" },
  ];
  return (
    <section aria-labelledby="ms-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="ms-heading" className="mb-3 text-lg font-semibold">
        Milestones{" "}
        <span className="text-sm font-normal text-slate-500" data-testid="ms-total">
          ({m.open} open of {m.total}
          {m.cancelled ? `; ${m.cancelled} cancelled, not counted` : ""})
        </span>
      </h2>
      <dl className="grid grid-cols-2 gap-3">
        {items.map((i) => (
          <div key={i.id} className="rounded border border-slate-200 p-3">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{i.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">
              <Link to={i.href} data-testid={i.id}>
                {i.n}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-600" data-testid="ms-rebaselines-period">
        {m.rebaselinesInPeriod} re-baseline{m.rebaselinesInPeriod === 1 ? "" : "s"} this quarter
      </p>
    </section>
  );
}
