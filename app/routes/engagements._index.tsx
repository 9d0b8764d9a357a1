import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EngagementFiltersSchema } from "~/engagements/engagement-schemas";
import { listEngagements, vendorOptions } from "~/engagements/engagements.server";
import { workstreamOptions } from "~/milestones/milestone-queries.server";
import { parseFilters } from "~/milestones/milestone-schemas";
import { FilterBar, FilterSelect, withSearch } from "~/components/filter-bar";
import { db } from "~/db.server";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Engagements · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const filters = parseFilters(EngagementFiltersSchema, new URL(request.url));
  return {
    filters,
    rows: listEngagements(db, filters, todayIso()),
    vendors: vendorOptions(db),
    workstreams: workstreamOptions(db),
    canCreate: roleHasPermission(user.role, "update:engagement:any"),
  };
}

export default function Engagements() {
  const { rows, filters, vendors, workstreams, canCreate } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Vendor engagements</h1>
        <p className="text-sm text-slate-600">{rows.length} shown · spend to date from finance's actuals and commitments</p>
        {canCreate ? (
          <a href="/engagements/new" className="no-print ml-auto text-sm">
            New engagement
          </a>
        ) : null}
      </header>
      <FilterBar exportHref={withSearch("/engagements.csv", search)}>
        <FilterSelect
          name="vendor"
          label="Vendor"
          value={filters.vendor ? String(filters.vendor) : undefined}
          options={vendors.map((v) => ({ value: String(v.id), label: v.name }))}
        />
        <FilterSelect name="kind" label="Kind" value={filters.kind} options={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: humanize(k) }))} />
        <FilterSelect name="status" label="Status" value={filters.status} options={ENGAGEMENT_STATUSES.map((k) => ({ value: k, label: humanize(k) }))} />
        <FilterSelect
          name="workstream"
          label="Workstream"
          value={filters.workstream}
          options={workstreams.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
        />
      </FilterBar>
      <section className="rounded border border-slate-200 bg-white p-3">
        {rows.length ? (
          <table>
            <thead>
              <tr>
                <th>Vendor</th>
                <th>Engagement</th>
                <th>Kind</th>
                <th>SOW</th>
                <th>Dates</th>
                <th>Status</th>
                <th>Workstreams</th>
                <th className="text-right">Contract</th>
                <th className="text-right">Actual</th>
                <th className="text-right">Committed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-testid={`engagement-${e.id}`}>
                  <td>{e.vendor}</td>
                  <td>
                    <a href={`/engagements/${e.id}`}>{e.title}</a>
                  </td>
                  <td>{humanize(e.kind)}</td>
                  <td className="font-mono text-xs">{e.sowReference}</td>
                  <td className="whitespace-nowrap text-xs tabular-nums">
                    {e.startDate} – {e.endDate}
                  </td>
                  <td>{humanize(e.status)}</td>
                  <td className="font-mono text-xs">{e.workstreamCodes.join(" ")}</td>
                  <td className="text-right tabular-nums">{formatCents(e.contractValueCents)}</td>
                  <td className={`text-right tabular-nums ${e.actualCents > e.contractValueCents ? "font-semibold text-red-800" : ""}`}>
                    {formatCents(e.actualCents)}
                  </td>
                  <td className="text-right tabular-nums">{formatCents(e.committedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">No engagements match.</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
