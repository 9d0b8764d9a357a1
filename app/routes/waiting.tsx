import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { HomeSection } from "~/home/home-section";
import { homeListLimit } from "~/home/limits";
import { loadWaiting } from "~/home/waiting.server";
import { todayIso } from "~/time/today.server";

// The CISO office runs the programme's cadence: this is what it is waiting for from leads and executives.
export const access = defineAccess({ loader: "update:board_report" });

export const meta: MetaFunction = () => [{ title: "Waiting on others · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const today = todayIso();
  return { today, ...loadWaiting(db, today, homeListLimit(new URL(request.url))) };
}

export default function Waiting() {
  const d = useLoaderData<typeof loader>();
  const seeAll = { to: "/waiting?all=1", label: "See all" };
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Waiting on others</h1>
        <p className="text-slate-600">Reports, reviews and decisions the programme is waiting for, as of {d.today}.</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        <HomeSection
          id="waiting-reports"
          title="Monthly reports not submitted"
          total={d.reports.total}
          shown={d.reports.rows.length}
          seeAll={seeAll}
          empty="Every active workstream has reported for the last month."
        >
          {d.reports.rows.map((r) => (
            <li key={r.workstreamId} className="py-2">
              <Link to={`/workstreams/${r.code}`} className="underline">
                <span className="font-mono">{r.code}</span> {r.name}
              </Link>
              <p className="text-slate-600">
                {r.month} report from {r.ownerName ?? "no lead assigned"}
                {r.draftId ? " · a draft is started" : ""}
              </p>
            </li>
          ))}
        </HomeSection>
        <HomeSection
          id="waiting-reviews"
          title="Risk reviews overdue"
          total={d.reviews.total}
          shown={d.reviews.rows.length}
          seeAll={{ to: "/risks?overdue=1", label: "All in the risk register" }}
          empty="No risk review is overdue."
        >
          {d.reviews.rows.map((r) => (
            <li key={r.code} className="py-2">
              <Link to={`/risks/${r.code}`} className="underline">
                <span className="font-mono">{r.code}</span> {r.title}
              </Link>
              <p className="text-slate-600">
                owner {r.ownerName ?? "—"} · review was due {r.nextReviewDate ?? "—"}
              </p>
            </li>
          ))}
        </HomeSection>
        <HomeSection
          id="waiting-acceptances"
          title="Acceptances waiting for an executive"
          total={d.acceptances.total}
          shown={d.acceptances.rows.length}
          seeAll={seeAll}
          empty="No acceptance request is waiting."
        >
          {d.acceptances.rows.map((a) => (
            <li key={a.id} className="py-2">
              <Link to={`/risks/${a.riskCode}`} className="underline">
                <span className="font-mono">{a.riskCode}</span> {a.riskTitle}
              </Link>
              <p className="text-slate-600">asked on {a.requestedAt.slice(0, 10)}</p>
            </li>
          ))}
        </HomeSection>
        <HomeSection
          id="waiting-board"
          title="Board reports in review"
          total={d.boardReports.total}
          shown={d.boardReports.rows.length}
          seeAll={{ to: "/board", label: "All board reports" }}
          empty="No board report is waiting for approval."
        >
          {d.boardReports.rows.map((r) => (
            <li key={r.quarter} className="py-2">
              <Link to={`/board/${r.quarter}`} className="underline">
                {r.quarter}
              </Link>
              <span className="ml-2 text-slate-600">waiting for an executive</span>
            </li>
          ))}
        </HomeSection>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
