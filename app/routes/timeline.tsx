import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { Gantt } from "~/components/charts/gantt";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { programmeTimeline } from "~/timeline/timeline.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Timeline · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return programmeTimeline(db, todayIso());
}

export default function Timeline() {
  const { programName, today, layout } = useLoaderData<typeof loader>();
  const slipped = layout.markers.filter((m) => m.slipped).length;
  return (
    <div className="space-y-3">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Timeline</h1>
        <p className="text-sm text-slate-600">
          {layout.rows.length} workstreams · {layout.markers.length} milestones · {slipped} slipped · as of {today}
        </p>
      </header>
      <p className="text-sm text-slate-700">
        Bars are workstreams. Each milestone shows its baseline as a vertical tick and its forecast (or actual) as a diamond; a red line marks a slip. Filled
        diamonds are done. Select a milestone to open it.
      </p>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white p-2">
        <Gantt layout={layout} title={`${programName}: workstreams and milestones by fiscal quarter`} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
