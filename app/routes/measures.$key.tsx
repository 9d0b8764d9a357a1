import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { csfCategoryLabel } from "~/csf/categories";
import { db } from "~/db.server";
import { definitionVersions, measureFigure, valueVersions } from "~/figures/measures.server";
import { periodLabel } from "~/measures/periods";
import { MeasureChart } from "~/measures/ui/measure-chart";
import { MeasureStatusBadge } from "~/measures/ui/status-badge";
import { DIRECTION_LABELS, formatMeasure } from "~/measures/units";
import { measureView } from "~/measures/view.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.m.key ?? "Measure"} · Rampart` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const asOf = parseAsOf(request);
  const figure = measureFigure(db, asOf, String(params.key ?? "").toUpperCase());
  if (!figure) throw new Response("No such measure (as of this date).", { status: 404 });
  return {
    asOf,
    m: measureView(figure),
    versions: valueVersions(db, figure.id),
    definitions: definitionVersions(db, figure.id),
    canEdit: canActOnAny(user, "update:measure:any"),
  };
}

export default function MeasurePage() {
  const { asOf, m, versions, definitions, canEdit } = useLoaderData<typeof loader>();
  const corrections = versions.filter((v) => v.validTo !== null);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/measures">Measures</Link> ›
      </p>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            <span className="font-mono">{m.key}</span> {m.name} <MeasureStatusBadge status={m.status} />
          </h1>
          <p className="text-sm text-slate-600">
            {m.kind.toUpperCase()} · {DIRECTION_LABELS[m.direction]} · {m.cadence} · {csfCategoryLabel(m.csfCategory)} · owner {m.ownerName ?? "none"} · as of{" "}
            {asOf}
          </p>
        </div>
        {canEdit ? <Link to={`/measures/${m.key}/edit`}>Edit measure and glide path</Link> : null}
      </header>
      {m.definition ? <p className="max-w-3xl text-sm">{m.definition}</p> : null}
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Actual against the glide path</h2>
        <MeasureChart
          title={m.name}
          unit={m.unit}
          direction={m.direction}
          series={m.series}
          amberTolerance={m.amberTolerance}
          redTolerance={m.redTolerance}
          appetite={m.appetite}
          width={720}
          height={240}
        />
        <p className="mt-2 text-sm text-slate-600">
          Amber beyond {formatMeasure(m.amberTolerance, m.unit)} short of target, red beyond {formatMeasure(m.redTolerance, m.unit)}
          {m.appetite !== null ? `; appetite ${formatMeasure(m.appetite, m.unit)}` : ""}.
          {m.quarterChange ? (
            <>
              {" "}
              Change over the quarter: {m.quarterChange.change >= 0 ? "+" : ""}
              {formatMeasure(m.quarterChange.change, m.unit)} since {periodLabel(m.quarterChange.fromPeriod)} (
              {m.quarterChange.improved ? "better" : "not better"}).
            </>
          ) : null}
        </p>
        {m.missingPeriod ? (
          <p role="status" className="mt-2 text-sm text-amber-800">
            Finding: no value for {periodLabel(m.missingPeriod)}.
          </p>
        ) : null}
      </section>
      <section className="grid gap-4 md:grid-cols-2">
        <div className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Linked work</h2>
          <ul className="text-sm">
            {m.workstreams.map((w) => (
              <li key={w.code}>
                <Link to={`/workstreams/${w.code}`}>
                  {w.code} {w.name}
                </Link>
              </li>
            ))}
            {m.obligations.map((o) => (
              <li key={o.code}>
                <Link to={`/obligations/${o.code}`}>
                  {o.code} {o.title}
                </Link>
              </li>
            ))}
            {!m.workstreams.length && !m.obligations.length ? <li>Not linked to any workstream or obligation.</li> : null}
          </ul>
        </div>
        <div className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Glide path points</h2>
          <ul className="text-sm">
            {m.targets.map((t) => (
              <li key={t.period}>
                {periodLabel(t.period)}: {formatMeasure(t.target, m.unit)}
              </li>
            ))}
            {!m.targets.length ? <li>No target set.</li> : null}
          </ul>
        </div>
      </section>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">History</h2>
        <div className="max-h-96 overflow-y-auto">
          <table>
            <thead>
              <tr>
                <th>Period</th>
                <th className="text-right">Value</th>
                <th className="text-right">Target</th>
                <th>Status</th>
                <th>Source (evidence)</th>
                <th>Recorded</th>
              </tr>
            </thead>
            <tbody>
              {[...m.series].reverse().map((p) => (
                <tr key={p.period}>
                  <td>{periodLabel(p.period)}</td>
                  <td className="text-right tabular-nums">{formatMeasure(p.value, m.unit)}</td>
                  <td className="text-right tabular-nums">{formatMeasure(p.target, m.unit)}</td>
                  <td>{p.value === null ? "missing" : <MeasureStatusBadge status={p.status} />}</td>
                  <td className="text-sm">{m.sources[p.period]?.sourceNote ?? ""}</td>
                  <td className="text-xs text-slate-500">{m.sources[p.period]?.recordedAt.slice(0, 10) ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {corrections.length ? (
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Corrections</h2>
          <p className="text-sm text-slate-600">Values replaced by a later correction: a report as of a day before the correction still shows them.</p>
          <table>
            <thead>
              <tr>
                <th>Period</th>
                <th className="text-right">Value then</th>
                <th>In force</th>
                <th>Source</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {corrections.map((v) => (
                <tr key={`${v.period}-${v.validFrom}`}>
                  <td>{periodLabel(v.period)}</td>
                  <td className="text-right tabular-nums">{formatMeasure(v.value, m.unit)}</td>
                  <td className="text-xs">
                    {v.validFrom.slice(0, 10)} → {v.validTo?.slice(0, 10)}
                  </td>
                  <td className="text-sm">{v.sourceNote}</td>
                  <td className="text-sm">{v.enteredBy ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Definition history</h2>
        <table>
          <thead>
            <tr>
              <th>From</th>
              <th>Until</th>
              <th>Amber / red tolerance</th>
              <th>Appetite</th>
              <th>Owner</th>
            </tr>
          </thead>
          <tbody>
            {definitions.map((d) => (
              <tr key={d.validFrom}>
                <td className="text-xs">{d.validFrom.slice(0, 10)}</td>
                <td className="text-xs">{d.validTo?.slice(0, 10) ?? "now"}</td>
                <td>
                  {formatMeasure(d.amberTolerance, m.unit)} / {formatMeasure(d.redTolerance, m.unit)}
                </td>
                <td>{d.appetite === null ? "—" : formatMeasure(d.appetite, m.unit)}</td>
                <td>{d.ownerName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
