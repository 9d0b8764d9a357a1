import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { Rag } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RagBadge } from "~/components/rag-badge";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { mayEditWorkstream } from "~/workstreams/ownership.server";
import { latestSubmittedReport } from "~/status-reports/status-reports.server";
import { MilestoneTable } from "~/milestones/milestone-table";
import { RollupReasons } from "~/components/rollup-reasons";
import { RagOrNone } from "~/components/rag-or-none";
import { linkedEngagements, linkedRisks, moneyToDate, ragHistory, reportsOf } from "~/workstreams/workstream-detail.server";
import { getWorkstreamByCode, workstreamRollup } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { getProgram } from "~/settings/settings.server";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.ws.code ?? "Workstream"} · Rampart` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  const ws = params.code ? getWorkstreamByCode(db, params.code, today) : null;
  if (!ws) throw new Response("Not found", { status: 404 });
  return {
    ws: { ...ws, ...workstreamRollup(db, ws.id, today) },
    today,
    milestones: listMilestones(db, { workstream: ws.code }, today),
    latestReport: latestSubmittedReport(db, ws.id) ?? null,
    history: ragHistory(db, ws.id),
    reports: reportsOf(db, ws.id),
    engagements: linkedEngagements(db, ws.id),
    risks: linkedRisks(db, ws.id, today),
    money: moneyToDate(db, ws.id, today, getProgram(db).fiscalYearStartMonth),
    can: {
      edit: roleHasPermission(user.role, "update:workstream:any"),
      addMilestone: mayEditWorkstream(user, "create:milestone:any", ws.ownerId),
      report: mayEditWorkstream(user, "update:status_report:any", ws.ownerId),
    },
  };
}

export default function WorkstreamPage() {
  const { ws, milestones, latestReport, history, reports, engagements, risks, money, can, today } = useLoaderData<typeof loader>();
  const overrideActive = ws.ragSource === "override";
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm">
          <a href="/workstreams">All workstreams</a>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">
            <span className="font-mono">{ws.code}</span> {ws.name}
          </h1>
          <RagOrNone rag={ws.rag} source={ws.ragSource} />
          <div className="no-print ml-auto flex gap-3 text-sm">
            {can.edit ? <a href={`/workstreams/${ws.code}/edit`}>Edit workstream</a> : null}
            {can.addMilestone ? <a href={`/milestones/new?workstream=${ws.code}`}>Add milestone</a> : null}
            {can.report ? <a href={`/workstreams/${ws.code}/reports/new`}>Write monthly report</a> : null}
          </div>
        </div>
        <p className="max-w-4xl text-slate-700">{ws.objective}</p>
        <p className="text-sm text-slate-600">
          Owner {ws.ownerName ?? "—"} · Sponsor {ws.sponsorName ?? "—"} · {humanize(ws.lifecycleStatus)} · {ws.startDate} – {ws.endDate} · CSF:{" "}
          {ws.csfFunctions.map(humanize).join(", ") || "—"}
        </p>
        {overrideActive ? (
          <p className="text-sm text-amber-900" data-testid="rag-override">
            Manual override to {ws.ragOverride} until {ws.ragOverrideExpiresOn}: {ws.ragOverrideReason}
          </p>
        ) : null}
      </header>

      {ws.status ? <RollupReasons status={ws.status} /> : null}

      <section className="grid gap-3 sm:grid-cols-4" aria-label="Money to date">
        <Money label={`Plan to date (${money.asOfQuarter} pro rata)`} cents={money.planToDateCents} testId="plan-to-date" />
        <Money label="Committed to date" cents={money.committedCents} testId="committed-to-date" />
        <Money label="Actual to date" cents={money.actualCents} testId="actual-to-date" />
        <Money label="Plan, whole programme" cents={money.planTotalCents} />
      </section>

      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Milestones</h2>
        <MilestoneTable rows={milestones} showWorkstream={false} />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section id="status-reports" className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Latest status report</h2>
          {latestReport ? (
            <div className="space-y-2 text-sm">
              <p>
                <a href={`/status-reports/${latestReport.id}`}>
                  {latestReport.period}
                  {latestReport.revision > 1 ? ` (revision ${latestReport.revision})` : ""}
                </a>{" "}
                · submitted {latestReport.submittedAt?.slice(0, 10)}
              </p>
              <p className="flex flex-wrap gap-2">
                <RagBadge rag={latestReport.ragOverall} label="Overall" />
                <RagBadge rag={latestReport.ragSchedule} label="Schedule" />
                <RagBadge rag={latestReport.ragCost} label="Cost" />
                <RagBadge rag={latestReport.ragScope} label="Scope" />
                <RagBadge rag={latestReport.ragRisk} label="Risk" />
              </p>
              <p className="whitespace-pre-line">{latestReport.summary}</p>
            </div>
          ) : (
            <p className="text-sm text-slate-600">No report submitted yet.</p>
          )}
          {reports.some((r) => r.state === "draft") ? (
            <p className="mt-3 text-sm">
              Drafts:{" "}
              {reports
                .filter((r) => r.state === "draft")
                .map((r) => (
                  <a key={r.id} className="mr-2" href={`/status-reports/${r.id}`}>
                    {r.period}
                    {r.revision > 1 ? ` rev ${r.revision}` : ""}
                  </a>
                ))}
            </p>
          ) : null}
        </section>

        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">RAG history, month by month</h2>
          {history.length ? (
            <div className="max-h-96 overflow-y-auto">
              <table data-testid="rag-history">
                <thead>
                  <tr>
                    <th>Month</th>
                    <th>Overall</th>
                    <th>Schedule</th>
                    <th>Cost</th>
                    <th>Scope</th>
                    <th>Risk</th>
                  </tr>
                </thead>
                <tbody>
                  {[...history].reverse().map((h) => (
                    <tr key={h.period}>
                      <td>
                        <a href={`/status-reports/${h.reportId}`}>{h.period}</a>
                        {h.revision > 1 ? <span className="ml-1 text-xs text-slate-500">rev {h.revision}</span> : null}
                      </td>
                      {[h.ragOverall, h.ragSchedule, h.ragCost, h.ragScope, h.ragRisk].map((r, i) => (
                        <td key={i}>
                          <RagBadge rag={r as Rag} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm text-slate-600">No submitted reports yet.</p>
          )}
        </section>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Engagements</h2>
          {engagements.length ? (
            <ul className="space-y-1 text-sm">
              {engagements.map((e) => (
                <li key={e.id}>
                  <a href={`/engagements/${e.id}`}>{e.title}</a> · {e.vendor} · {humanize(e.kind)} · {humanize(e.status)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No linked engagements.</p>
          )}
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Risks</h2>
          {risks.length ? (
            <ul className="space-y-1 text-sm" data-testid="linked-risks">
              {risks.map((r) => (
                <li key={r.id}>
                  <a className="font-mono" href={`/risks/${r.code}`}>
                    {r.code}
                  </a>{" "}
                  {r.title} · {humanize(r.currentLevel)} · {humanize(r.status)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No linked risks.</p>
          )}
        </section>
      </div>
      <p className="text-xs text-slate-500">As of {today}.</p>
    </div>
  );
}

function Money({ label, cents, testId }: { label: string; cents: number; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {formatCents(cents)}
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
