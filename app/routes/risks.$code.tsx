import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { roleHasPermission, roleHasPermissionOrOwn } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { riskDetail } from "~/risks/detail.server";
import { LevelBadge, RiskFlags } from "~/risks/level-badge";
import { ScoreChart } from "~/risks/score-chart";
import { riskSettingsAsOf } from "~/figures/risks.server";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { EvidenceSection } from "~/evidence/evidence-section";
import { evidenceSection } from "~/evidence/section.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.risk.code ?? "Risk"} · Risks · Rampart` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const asOf = todayIso();
  const detail = riskDetail(db, params.code ?? "", asOf);
  if (!detail) throw new Response("No risk has this code.", { status: 404 });
  const owns = detail.risk.ownerId === user.id;
  const may = (any: Parameters<typeof roleHasPermission>[1]) => roleHasPermission(user.role, any) || (owns && roleHasPermissionOrOwn(user.role, any));
  return {
    ...detail,
    asOf,
    ...riskSettingsAsOf(db, asOf),
    can: {
      edit: may("update:risk:any"),
      requestAcceptance: may("request:risk_acceptance:any") && detail.risk.aboveAppetite,
      // Only executives decide (docs/decisions/006-risk-acceptance-approvers.md).
      decide: user.role === "executive",
    },
    // The signed memo of each acceptance.
    acceptanceEvidence: detail.acceptances.map((a) => ({
      id: a.id,
      requestedAt: a.requestedAt,
      section: evidenceSection(db, user, "risk_acceptance", a.id, asOf),
    })),
  };
}

export default function RiskPage() {
  const d = useLoaderData<typeof loader>();
  const { risk, matrix } = d;
  const scores = [
    { label: "Inherent", level: risk.inherentLevel, l: risk.inherentLikelihood, i: risk.inherentImpact },
    { label: "Current", level: risk.currentLevel, l: risk.currentLikelihood, i: risk.currentImpact },
    { label: "Target", level: risk.targetLevel, l: risk.targetLikelihood, i: risk.targetImpact },
  ];
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to="/risks">← Risk register</Link>
        </p>
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{risk.code}</span> {risk.title}
        </h1>
        <RiskFlags row={risk} />
        <div className="flex flex-wrap gap-3 text-sm">
          {d.can.edit ? (
            <>
              <Link to={`/risks/${risk.code}/edit`}>Edit</Link>
              <Link to={`/risks/${risk.code}/rescore`}>Re-score</Link>
            </>
          ) : null}
          {d.can.requestAcceptance ? <Link to={`/risks/${risk.code}/request-acceptance`}>Request acceptance</Link> : null}
        </div>
      </header>

      <section className="grid gap-4 rounded border border-slate-200 bg-white p-4 md:grid-cols-2">
        <div>
          <h2 className="text-lg font-semibold">Description</h2>
          <p className="mt-1 whitespace-pre-line text-slate-700">{risk.description || "—"}</p>
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Category</dt>
          <dd>{risk.category}</dd>
          <dt className="text-slate-500">Owner</dt>
          <dd>{risk.ownerName ?? "—"}</dd>
          <dt className="text-slate-500">CSF function</dt>
          <dd>{humanize(risk.csfFunction)}</dd>
          <dt className="text-slate-500">Treatment</dt>
          <dd>{humanize(risk.treatment)}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd>{humanize(risk.status)}</dd>
          <dt className="text-slate-500">Next review</dt>
          <dd>
            {risk.nextReviewDate ?? "—"} {risk.reviewOverdue ? <strong className="text-amber-800">(overdue)</strong> : null}
          </dd>
          <dt className="text-slate-500">Appetite</dt>
          <dd>{humanize(d.appetite)}</dd>
        </dl>
      </section>

      <section aria-labelledby="scores-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="scores-heading" className="mb-2 text-lg font-semibold">
          Scores
        </h2>
        <table className="w-auto">
          <thead>
            <tr>
              <th>
                <span className="sr-only">Which score</span>
              </th>
              <th>Likelihood</th>
              <th>Impact</th>
              <th>Score</th>
              <th>Level</th>
            </tr>
          </thead>
          <tbody>
            {scores.map((s) => (
              <tr key={s.label} data-testid={`score-${s.label.toLowerCase()}`}>
                <th scope="row">{s.label}</th>
                <td>
                  {s.l} {matrix.likelihoodLabels[s.l - 1]}
                </td>
                <td>
                  {s.i} {matrix.impactLabels[s.i - 1]}
                </td>
                <td className="tabular-nums">{s.l * s.i}</td>
                <td>
                  <LevelBadge level={s.level} colours={matrix.colours} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="mt-4 font-semibold">Score over time</h3>
        <ScoreChart assessments={d.assessments} target={risk.targetLikelihood * risk.targetImpact} asOf={d.asOf} />
      </section>

      <section aria-labelledby="treatment-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="treatment-heading" className="mb-2 text-lg font-semibold">
          Treatment progress
        </h2>
        {d.treatment.milestones ? (
          <p className="text-sm" data-testid="treatment-progress">
            {d.treatment.percentComplete}% complete across {d.treatment.milestones} treating milestone{d.treatment.milestones === 1 ? "" : "s"}
            {d.treatment.slipped ? (
              <strong className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-red-900" data-flag="treatment-slipped">
                {d.treatment.slipped} slipped
              </strong>
            ) : null}
          </p>
        ) : (
          <p className="text-sm text-slate-500">No milestone is linked to this risk.</p>
        )}
        {d.linkedWorkstreams.length ? (
          <ul className="mt-2 text-sm">
            {d.linkedWorkstreams.map((w) => (
              <li key={w.id}>
                <Link to={`/workstreams/${w.code}`} className="font-mono">
                  {w.code}
                </Link>{" "}
                {w.name} — {humanize(w.lifecycleStatus)}, {w.percentComplete}% complete
              </li>
            ))}
          </ul>
        ) : null}
        {d.linkedMilestones.length ? (
          <table className="mt-3">
            <thead>
              <tr>
                <th>Milestone</th>
                <th>Workstream</th>
                <th>Baseline</th>
                <th>Forecast</th>
                <th>Actual</th>
                <th>Status</th>
                <th className="text-right">Complete</th>
                <th>Slip</th>
              </tr>
            </thead>
            <tbody>
              {d.linkedMilestones.map((m) => (
                <tr key={m.id}>
                  <td>
                    <span className="font-mono">{m.code}</span> {m.title}
                  </td>
                  <td className="font-mono">{m.workstreamCode}</td>
                  <td>{m.baselineDate}</td>
                  <td>{m.forecastDate ?? "—"}</td>
                  <td>{m.actualDate ?? "—"}</td>
                  <td>{humanize(m.status)}</td>
                  <td className="text-right tabular-nums">{m.percentComplete}%</td>
                  <td>{m.slipped ? <span className="text-red-800">Slipped</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="assessments-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="assessments-heading" className="mb-2 text-lg font-semibold">
          Assessments
        </h2>
        <table>
          <thead>
            <tr>
              <th>Date</th>
              <th>Score</th>
              <th>By</th>
              <th>Rationale</th>
            </tr>
          </thead>
          <tbody>
            {[...d.assessments].reverse().map((a) => (
              <tr key={a.id}>
                <td className="whitespace-nowrap">{a.assessedOn}</td>
                <td className="whitespace-nowrap tabular-nums">
                  {a.likelihood} × {a.impact} = {a.likelihood * a.impact}
                </td>
                <td>{a.assessedBy ?? "—"}</td>
                <td className="whitespace-pre-line">{a.rationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="acceptances-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="acceptances-heading" className="mb-2 text-lg font-semibold">
          Acceptances
        </h2>
        {d.acceptances.length ? (
          <table>
            <thead>
              <tr>
                <th>Requested</th>
                <th>Justification</th>
                <th>Expires</th>
                <th>State</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {d.acceptances.map((a) => (
                <tr key={a.id} data-testid={`acceptance-${a.id}`}>
                  <td className="whitespace-nowrap">
                    {a.requestedAt.slice(0, 10)}
                    <br />
                    <span className="text-xs text-slate-500">{a.requestedBy ?? "—"}</span>
                  </td>
                  <td className="whitespace-pre-line">{a.justification}</td>
                  <td className="whitespace-nowrap">
                    {a.expiresOn}
                    {a.state === "approved" && a.expiresOn < d.asOf ? <strong className="block text-red-800">Expired</strong> : null}
                  </td>
                  <td>{humanize(a.state)}</td>
                  <td>
                    {a.state === "requested" && d.can.decide ? (
                      <Form method="post" action={`/risks/${risk.code}/acceptances/${a.id}`} className="space-y-1">
                        <input type="hidden" name="version" value={a.version} />
                        <label className="block text-xs">
                          Note (required to approve)
                          <input name="decisionNote" className="block w-full rounded border border-slate-300 px-1 py-0.5 text-sm" />
                        </label>
                        <div className="flex gap-2">
                          <button type="submit" name="intent" value="approve" className="rounded bg-sky-800 px-2 py-1 text-xs font-medium text-white">
                            Approve
                          </button>
                          <button type="submit" name="intent" value="reject" className="rounded border border-slate-400 px-2 py-1 text-xs">
                            Reject
                          </button>
                        </div>
                      </Form>
                    ) : a.decidedBy ? (
                      <span className="text-sm">
                        {a.decidedBy}, {a.decidedAt?.slice(0, 10)}
                        {a.decisionNote ? <span className="block text-xs text-slate-600">{a.decisionNote}</span> : null}
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No acceptance has been requested.</p>
        )}
      </section>
      {d.acceptanceEvidence.map((a) => (
        <EvidenceSection key={a.id} data={a.section} title={`Acceptance requested ${a.requestedAt.slice(0, 10)}: signed memo and evidence`} />
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
