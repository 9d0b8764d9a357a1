import { Link } from "@remix-run/react";
import type { DashboardData } from "../dashboard.server";

export function MilestonePanel({ m }: { m: DashboardData["milestones"] }) {
  const items = [
    { label: "Slipped", n: m.slipped, href: "/milestones?slipped=1", id: "ms-slipped" },
    { label: "Overdue", n: m.overdue, href: "/milestones?due=overdue", id: "ms-overdue" },
    { label: "Due in 90 days", n: m.due90, href: "/milestones?due=90", id: "ms-due90" },
    { label: "Done this quarter", n: m.doneThisQuarter, href: "/milestones?status=done", id: "ms-done-quarter" },
  ];
  return (
    <section aria-labelledby="ms-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="ms-heading" className="mb-3 text-lg font-semibold">
        Milestones{" "}
        <span className="text-sm font-normal text-slate-500">
          ({m.open} open of {m.total})
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
    </section>
  );
}
