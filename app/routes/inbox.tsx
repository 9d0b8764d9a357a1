import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { HomeSection } from "~/home/home-section";
import { loadInbox } from "~/home/inbox.server";
import { homeListLimit } from "~/home/limits";
import { todayIso } from "~/time/today.server";
import { humanize } from "~/utils/format";

// Executives decide risk acceptances; this is where those decisions wait.
export const access = defineAccess({ loader: "approve:risk_acceptance" });

export const meta: MetaFunction = () => [{ title: "Inbox · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const today = todayIso();
  return { today, ...loadInbox(db, today, homeListLimit(new URL(request.url))) };
}

export default function Inbox() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Inbox</h1>
        <p className="text-slate-600">Decisions waiting for you and what needs your attention, as of {d.today}.</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        <HomeSection
          id="inbox-acceptances"
          title="Risk acceptances to decide"
          total={d.acceptances.total}
          shown={d.acceptances.rows.length}
          seeAll={{ to: "/inbox?all=1", label: "All requests" }}
          empty="No risk acceptance is waiting for a decision."
        >
          {d.acceptances.rows.map((a) => (
            <li key={a.id} className="py-2">
              <Link to={`/risks/${a.riskCode}/acceptances/${a.id}?from=inbox`} className="font-medium underline">
                Decide <span className="font-mono">{a.riskCode}</span> {a.riskTitle}
              </Link>
              <p className="text-slate-600">
                {humanize(a.currentLevel)} risk · asked by {a.requestedBy ?? "—"} on {a.requestedAt.slice(0, 10)} · until {a.expiresOn}
              </p>
            </li>
          ))}
        </HomeSection>
        <HomeSection
          id="inbox-board"
          title="Board reports to approve"
          total={d.boardReports.total}
          shown={d.boardReports.rows.length}
          seeAll={{ to: "/inbox?all=1", label: "All reports in review" }}
          empty="No board report is in review."
        >
          {d.boardReports.rows.map((r) => (
            <li key={r.quarter} className="py-2">
              <Link to={`/board/${r.quarter}/review`} className="font-medium underline">
                Review {r.quarter}
              </Link>
              <p className="text-slate-600">Drafted by {r.draftedBy ?? "the CISO office"}</p>
            </li>
          ))}
        </HomeSection>
        <HomeSection
          id="inbox-expired"
          title="Expired acceptances"
          total={d.expired.total}
          shown={d.expired.rows.length}
          seeAll={{ to: "/risks?expired=1", label: "All in the risk register" }}
          empty="No risk is carried on an expired acceptance."
        >
          {d.expired.rows.map((e) => (
            <li key={e.riskId} className="py-2">
              <Link to={`/risks/${e.code}`} className="underline">
                <span className="font-mono">{e.code}</span> {e.title}
              </Link>
              <p className="text-slate-600">
                {humanize(e.currentLevel)} · owner {e.ownerName ?? "—"} · expired {e.expiredOn}
              </p>
            </li>
          ))}
        </HomeSection>
        <HomeSection
          id="inbox-red"
          title="Red workstreams"
          total={d.red.total}
          shown={d.red.rows.length}
          seeAll={{ to: "/inbox?all=1", label: "All red workstreams" }}
          empty="No workstream is red."
        >
          {d.red.rows.map((w) => (
            <li key={w.code} className="py-2">
              <Link to={`/workstreams/${w.code}`} className="underline">
                <span className="font-mono">{w.code}</span> {w.name}
              </Link>
              {w.reason ? <p className="text-slate-600">{w.reason}</p> : null}
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
