import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { HomeSection } from "~/home/home-section";
import { DUE_SOON_DAYS, homeListLimit } from "~/home/limits";
import { loadMyWork } from "~/home/my-work.server";
import type { MyMilestone } from "~/home/my-work.server";
import { todayIso } from "~/time/today.server";

// Only leads hold `:own` milestone rights: "My work" is the milestones and reports of the workstreams they lead.
export const access = defineAccess({ loader: "update:milestone:own" });

export const meta: MetaFunction = () => [{ title: "My work · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  return { today, ...loadMyWork(db, user.id, today, homeListLimit(new URL(request.url))) };
}

function MilestoneItems({ rows, dateLabel }: { rows: MyMilestone[]; dateLabel: string }) {
  return rows.map((m) => (
    <li key={m.id} className="py-2">
      <Link to={`/milestones/${m.id}`} className="underline">
        <span className="font-mono">{m.code}</span> {m.title}
      </Link>
      <p className="text-slate-600">
        {m.workstreamCode} · {dateLabel} {m.dueDate}
        {m.dueDate !== m.baselineDate ? ` (baseline ${m.baselineDate})` : ""}
      </p>
    </li>
  ));
}

export default function MyWork() {
  const d = useLoaderData<typeof loader>();
  const seeAll = { to: "/my-work?all=1", label: "See all" };
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">My work</h1>
        <p className="text-slate-600">The milestones and monthly reports of the workstreams you lead, as of {d.today}.</p>
      </header>
      <section aria-labelledby="reports-due-heading" className="rounded border border-slate-200 bg-white p-4" data-testid="my-reports-due">
        <h2 id="reports-due-heading" className="mb-2 text-lg font-semibold">
          Monthly reports
        </h2>
        {d.reportsDue.length === 0 ? (
          <p className="text-sm text-slate-600">You lead no active workstream.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {d.reportsDue.map((r) => (
              <li key={r.workstreamId} className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-mono">{r.code}</span>
                <span>{r.name}</span>
                {r.draftId ? (
                  <Link to={`/status-reports/${r.draftId}`} className="font-medium underline">
                    Continue the {r.month} draft
                  </Link>
                ) : (
                  <Link to={`/workstreams/${r.code}/reports/new?month=${r.month}`} className="font-medium underline">
                    Write the {r.month} report
                  </Link>
                )}
                <span className={r.overdue ? "font-semibold text-red-800" : "text-slate-600"}>
                  {r.overdue ? "due now: the month has ended" : "for the current month"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <HomeSection
          id="my-overdue"
          title="Overdue"
          total={d.milestones.overdue.total}
          shown={d.milestones.overdue.rows.length}
          seeAll={seeAll}
          empty="Nothing overdue."
        >
          <MilestoneItems rows={d.milestones.overdue.rows} dateLabel="was due" />
        </HomeSection>
        <HomeSection
          id="my-due-soon"
          title={`Due in the next ${DUE_SOON_DAYS} days`}
          total={d.milestones.dueSoon.total}
          shown={d.milestones.dueSoon.rows.length}
          seeAll={seeAll}
          empty="Nothing due soon."
        >
          <MilestoneItems rows={d.milestones.dueSoon.rows} dateLabel="due" />
        </HomeSection>
        <HomeSection
          id="my-slipped"
          title="Slipped"
          total={d.milestones.slipped.total}
          shown={d.milestones.slipped.rows.length}
          seeAll={seeAll}
          empty="No open milestone is behind its baseline."
        >
          <MilestoneItems rows={d.milestones.slipped.rows} dateLabel="now expected" />
        </HomeSection>
      </div>
      <HomeSection id="my-drafts" title="Drafts in progress" total={d.drafts.total} shown={d.drafts.rows.length} seeAll={seeAll} empty="No draft report.">
        {d.drafts.rows.map((r) => (
          <li key={r.id} className="py-2">
            <Link to={`/status-reports/${r.id}`} className="underline">
              {r.workstreamCode} · {r.period}
              {r.revision > 1 ? ` (revision ${r.revision})` : ""}
            </Link>
            <span className="ml-2 text-slate-600">last saved {r.updatedAt.slice(0, 10)}</span>
          </li>
        ))}
      </HomeSection>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
