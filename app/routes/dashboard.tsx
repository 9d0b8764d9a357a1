import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveAsOf } from "~/dashboard/as-of.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { offThread } from "~/figures/off-thread.server";
import { dashboardPage } from "~/dashboard/page.server";
import { BudgetPanel } from "~/dashboard/ui/budget-panel";
import { CsfProfileLink } from "~/csf/profile-link";
import { HealthPanel } from "~/dashboard/ui/health-panel";
import { MilestonePanel } from "~/dashboard/ui/milestone-panel";
import { ObligationsPanel } from "~/dashboard/ui/obligations-panel";
import { RiskPanel } from "~/dashboard/ui/risk-panel";
import { WorkstreamRagTable } from "~/dashboard/ui/workstream-rag-table";
import { db } from "~/db.server";
import { getProgram } from "~/settings/settings.server";

export const access = defineAccess({ loader: "read:dashboard" });

export const meta: MetaFunction = () => [{ title: "Dashboard · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const period = resolveAsOf(new URL(request.url), getProgram(db));
  // A past quarter's figures take seconds at 100x: computed on the background thread while this one serves others.
  await offThread(db, loadDashboard, period.asOf);
  return { period, ...dashboardPage(loadDashboard(db, period.asOf)) };
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const exportQuery = d.period.selected ? `?quarter=${d.period.selected}` : "";
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end gap-4">
        <div className="flex-1">
          <h1 className="text-2xl font-semibold">{d.program.name}</h1>
          <p className="mt-1 max-w-4xl text-slate-600">{d.program.description}</p>
        </div>
        <Form method="get" className="no-print flex items-end gap-2 text-sm">
          <label className="block">
            <span className="block text-slate-600">As of</span>
            <select name="quarter" defaultValue={d.period.selected ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">Today</option>
              {d.period.options.map((q) => (
                <option key={q} value={q}>
                  End of {q}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
            Show
          </button>
        </Form>
        <p className="text-xs text-slate-500" data-testid="time-zone-note">
          Dates are in {d.period.timeZone} time.
        </p>
        <p className="no-print text-sm">
          Export: <a href={`/dashboard.csv${exportQuery}`}>CSV</a> · <a href={`/dashboard.xlsx${exportQuery}`}>XLSX</a>
        </p>
      </header>
      <HealthPanel overall={d.status.overall} dimensions={d.status.dimensions} asOf={d.period.asOf} total={d.totals.reasons} />
      <WorkstreamRagTable workstreams={d.status.workstreams} milestones={d.milestonesByWorkstream} total={d.totals.workstreams} />
      <BudgetPanel budget={d.budget} />
      <div className="grid gap-6 lg:grid-cols-2">
        <MilestonePanel m={d.milestones} asOf={d.period.selected ? d.period.asOf : undefined} />
        <CsfProfileLink summary={d.csf} />
      </div>
      <RiskPanel risks={d.risks} appetite={d.program.appetite} expiredTotal={d.totals.expiredAcceptances} />
      <ObligationsPanel obligations={d.obligations} measureEvidence={d.measureEvidence} total={d.totals.obligations} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
