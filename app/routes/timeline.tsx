import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { Gantt } from "~/components/charts/gantt";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms/field";
import { db } from "~/db.server";
import { getProgram } from "~/settings/settings.server";
import { todayIso } from "~/time/today.server";
import { programmeTimeline } from "~/timeline/timeline.server";
import { parseTimelineWindow, PRESET_LABELS, TIMELINE_PRESETS, timelineSearch } from "~/timeline/window";
import { describeProblems } from "~/utils/query";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Timeline · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const today = todayIso();
  const { window, problems } = parseTimelineWindow(new URL(request.url).searchParams, getProgram(db), today);
  const data = programmeTimeline(db, today, window);
  return {
    ...data,
    notices: describeProblems(problems),
    presets: TIMELINE_PRESETS.map((p) => ({
      label: PRESET_LABELS[p],
      href: `/timeline${timelineSearch({ from: "", to: "", preset: p })}`,
      current: window.preset === p,
    })),
    previousHref: data.page > 1 ? `/timeline${timelineSearch(window, data.page - 1)}` : null,
    nextHref: data.page < data.pages ? `/timeline${timelineSearch(window, data.page + 1)}` : null,
  };
}

export default function Timeline() {
  const { programName, today, layout, window, notices, presets, page, pages, totalWorkstreams, previousHref, nextHref } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-3">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Timeline</h1>
        <p className="text-sm text-slate-600">
          {window.from} to {window.to} · {totalWorkstreams} workstreams · {layout.markerCount} milestones on this page · {layout.slippedCount} slipped · as of{" "}
          {today}
        </p>
      </header>
      {notices.length ? (
        <ul role="alert" className="text-sm text-amber-800">
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <section aria-label="Date window" className="flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-3">
        <nav aria-label="Presets" className="flex flex-wrap gap-2 text-sm">
          {presets.map((p) => (
            <Link key={p.href} to={p.href} aria-current={p.current ? "page" : undefined} className={p.current ? "font-semibold" : undefined}>
              {p.label}
            </Link>
          ))}
        </nav>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <Field label="From" name="from" type="date" defaultValue={window.from} />
          <Field label="To" name="to" type="date" defaultValue={window.to} />
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Show
          </button>
        </Form>
      </section>
      <p className="text-sm text-slate-700">
        Rows are workstreams (open or close each one). Each milestone shows its baseline as a vertical tick and its forecast (or actual) as a diamond; a red
        line marks a slip. Filled diamonds are done. Select a milestone to open it.
      </p>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white p-2">
        <Gantt layout={layout} title={`${programName}: workstreams and milestones by fiscal quarter, ${window.from} to ${window.to}`} />
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {previousHref ? <Link to={previousHref}>← Previous workstreams</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {nextHref ? <Link to={nextHref}>Next workstreams →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
