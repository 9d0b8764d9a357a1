import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CSF_CATEGORIES, MEASURE_KINDS } from "#db/schema/measures";
import { defineAccess } from "~/auth/access";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { roleHasPermissionOrOwn } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { measureFigures } from "~/figures/measures.server";
import { MeasureListQuerySchema } from "~/measures/schemas";
import { MeasureChart } from "~/measures/ui/measure-chart";
import { MeasureStatusBadge } from "~/measures/ui/status-badge";
import { periodLabel } from "~/measures/periods";
import { formatMeasure } from "~/measures/units";
import { measureView, pageOf } from "~/measures/view.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Measures · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const url = new URL(request.url);
  const query = MeasureListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const asOf = todayIso();
  const all = measureFigures(db, asOf, { kind: query.kind, csf: query.csf, status: query.status, workstream: query.ws, q: query.q });
  const page = pageOf(all, query.page);
  const params = new URLSearchParams(url.searchParams);
  params.delete("page");
  return {
    asOf,
    query,
    search: params.toString(),
    ...page,
    rows: page.rows.map(measureView),
    can: {
      define: canActOnAny(user, "update:measure:any"),
      enter: roleHasPermissionOrOwn(user.role, "update:measure_value:any"),
      export: roleHasPermissionOrOwn(user.role, "export:data"),
    },
  };
}

export default function Measures() {
  const d = useLoaderData<typeof loader>();
  const qs = d.search ? `?${d.search}` : "";
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Security outcome measures</h1>
          <p className="text-sm text-slate-500">
            KPIs and KRIs against their glide paths, as of {d.asOf}. Shaded: beyond the amber tolerance (amber), beyond the red tolerance (red); dashed: the
            target.
          </p>
        </div>
        <nav className="flex flex-wrap gap-3 text-sm" aria-label="Measure actions">
          {d.can.enter ? <Link to="/measures/values">Enter monthly values</Link> : null}
          {d.can.enter ? <Link to="/measures/import">Import values (CSV)</Link> : null}
          {d.can.define ? <Link to="/measures/new">New measure</Link> : null}
          {d.can.export ? <a href={`/measures.csv${qs}`}>Export CSV</a> : null}
          {d.can.export ? <a href={`/measures.xlsx${qs}`}>Export XLSX</a> : null}
          <Link to="/csf">CSF 2.0 profile</Link>
        </nav>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm" aria-label="Filters">
        <label>
          Kind{" "}
          <select name="kind" defaultValue={d.query.kind ?? ""}>
            <option value="">all</option>
            {MEASURE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{" "}
          <select name="status" defaultValue={d.query.status ?? ""}>
            <option value="">all</option>
            <option value="on_track">on track</option>
            <option value="amber">amber</option>
            <option value="red">red</option>
            <option value="missing">missing a value</option>
          </select>
        </label>
        <label>
          CSF category{" "}
          <select name="csf" defaultValue={d.query.csf ?? ""}>
            <option value="">all</option>
            {CSF_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Workstream <input name="ws" defaultValue={d.query.ws ?? ""} size={8} placeholder="WS-04" />
        </label>
        <label>
          Search <input name="q" defaultValue={d.query.q ?? ""} placeholder="key or name" />
        </label>
        <button type="submit" className="rounded border border-slate-400 px-3 py-1">
          Filter
        </button>
      </Form>
      <p className="text-sm text-slate-600">
        {d.total} measure(s){d.pages > 1 ? ` · page ${d.page} of ${d.pages}` : ""}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Measures">
        {d.rows.map((m) => (
          <li key={m.key} className="rounded border border-slate-200 bg-white p-3" data-testid={`measure-${m.key}`}>
            <div className="flex items-start justify-between gap-2">
              <h2 className="text-sm font-semibold">
                <Link to={`/measures/${m.key}`}>
                  <span className="font-mono">{m.key}</span> {m.name}
                </Link>
              </h2>
              <MeasureStatusBadge status={m.status} />
            </div>
            <p className="text-xs text-slate-500">
              {m.kind.toUpperCase()} · {m.csfCategory} · {m.workstreams.map((w) => w.code).join(", ") || "no workstream"}
            </p>
            <MeasureChart
              title={m.name}
              unit={m.unit}
              direction={m.direction}
              series={m.series}
              amberTolerance={m.amberTolerance}
              redTolerance={m.redTolerance}
              appetite={m.appetite}
            />
            <p className="text-sm">
              {m.latest ? (
                <>
                  {periodLabel(m.latest.period)}: <strong>{formatMeasure(m.latest.value, m.unit)}</strong>
                  {m.latest.target !== null ? <> against {formatMeasure(m.latest.target, m.unit)}</> : null}
                </>
              ) : (
                "No value yet"
              )}
            </p>
            {m.missingPeriod ? <p className="text-sm text-amber-800">No value for {periodLabel(m.missingPeriod)}</p> : null}
          </li>
        ))}
      </ul>
      {d.pages > 1 ? (
        <nav className="flex gap-3 text-sm" aria-label="Pages">
          {d.page > 1 ? <Link to={`?${new URLSearchParams([...new URLSearchParams(d.search), ["page", String(d.page - 1)]])}`}>← Previous</Link> : null}
          {d.page < d.pages ? <Link to={`?${new URLSearchParams([...new URLSearchParams(d.search), ["page", String(d.page + 1)]])}`}>Next →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
