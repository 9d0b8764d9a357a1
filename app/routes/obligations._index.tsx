import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { OBLIGATION_KINDS, OBLIGATION_SOURCES, OBLIGATION_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { parseObligationFilters } from "~/obligations/filters";
import { obligationsAsOf } from "~/figures/obligations.server";
import { Forecast, Progress } from "~/obligations/obligation-progress";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Obligations · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const url = new URL(request.url);
  const { filters, ignored } = parseObligationFilters(url.searchParams);
  const asOf = todayIso();
  return { asOf, filters, ignored, search: url.search, rows: obligationsAsOf(db, filters, asOf) };
}

export default function Obligations() {
  const { asOf, filters, ignored, search, rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Obligations</h1>
          <p className="text-sm text-slate-500">Promises made to the court, the regulator and the board, as of {asOf}.</p>
        </div>
        <a href={`/obligations.csv${search}`}>Export CSV</a>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm" aria-label="Filters">
        <Select name="source" value={filters.source} options={OBLIGATION_SOURCES} label="Source" />
        <Select name="kind" value={filters.kind} options={OBLIGATION_KINDS} label="Kind" />
        <Select name="status" value={filters.status} options={OBLIGATION_STATUSES} label="Status" />
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 font-medium text-white">
          Apply
        </button>
        <Link to="/obligations">Clear</Link>
      </Form>
      {ignored.length ? (
        <p role="status" className="text-sm text-amber-800">
          Ignored invalid filter value(s): {ignored.join(", ")}.
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Code</th>
            <th>Obligation</th>
            <th>Source</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Forecast</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="text-slate-500">
                No obligations match these filters.
              </td>
            </tr>
          ) : null}
          {rows.map((o) => (
            <tr key={o.id} data-testid={`obligation-${o.code}`}>
              <td className="whitespace-nowrap font-mono">
                <Link to={`/obligations/${o.code}`}>{o.code}</Link>
              </td>
              <td>
                <Link to={`/obligations/${o.code}`}>{o.title}</Link>
                <p className="text-xs text-slate-500">{o.sourceReference}</p>
              </td>
              <td>{humanize(o.source)}</td>
              <td>{humanize(o.status)}</td>
              <td>
                <Progress o={o} />
              </td>
              <td className="text-sm">
                <Forecast o={o} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Select({ name, value, options, label }: { name: string; value?: string; options: readonly string[]; label: string }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""} className="ml-1 rounded border border-slate-300 px-1 py-1">
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
