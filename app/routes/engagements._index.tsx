import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EngagementFiltersSchema } from "~/engagements/engagement-schemas";
import { ENGAGEMENT_LIST, pageEngagements, vendorOptions } from "~/engagements/engagements.server";
import { listParamsOr400 } from "~/lists/list-params";
import { Pager } from "~/components/lists/pager";
import { ListFormFields, SearchField } from "~/components/lists/search-box";
import { SortHeader } from "~/components/lists/sort-header";
import { ListNotices } from "~/components/lists/list-notices";
import { workstreamFilterOptions } from "~/milestones/milestone-queries.server";
import { parseFilters } from "~/milestones/milestone-schemas";
import { FilterBar, FilterSelect, withSearch, WorkstreamFilter } from "~/components/filter-bar";
import { db } from "~/db.server";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Engagements · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const url = new URL(request.url);
  const list = listParamsOr400(url, ENGAGEMENT_LIST);
  const filters = parseFilters(EngagementFiltersSchema, url);
  const page = pageEngagements(db, filters, todayIso(), list);
  return {
    filters,
    rows: page.rows,
    view: page.view,
    problems: list.problems,
    vendors: vendorOptions(db),
    workstreams: workstreamFilterOptions(db),
    canCreate: roleHasPermission(user.role, "update:engagement:any"),
  };
}

export default function Engagements() {
  const { rows, view, problems, filters, vendors, workstreams, canCreate } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Vendor engagements</h1>
        <p className="text-sm text-slate-600">Spend to date from finance's actuals and commitments</p>
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
        <WorkstreamFilter value={filters.workstream} options={workstreams} />
        <SearchField view={view} label="Search title, SOW or vendor" />
        <ListFormFields view={view} />
      </FilterBar>
      <ListNotices problems={problems} />
      <section className="rounded border border-slate-200 bg-white p-3">
        {rows.length ? (
          <table>
            <thead>
              <tr>
                <SortHeader view={view} sort="vendor">
                  Vendor
                </SortHeader>
                <SortHeader view={view} sort="title">
                  Engagement
                </SortHeader>
                <SortHeader view={view} sort="kind">
                  Kind
                </SortHeader>
                <SortHeader view={view} sort="sow">
                  SOW
                </SortHeader>
                <SortHeader view={view} sort="start" title="Sort by start date">
                  Dates
                </SortHeader>
                <SortHeader view={view} sort="status">
                  Status
                </SortHeader>
                <th>Workstreams</th>
                <SortHeader view={view} sort="contract" className="text-right" firstDir="desc">
                  Contract
                </SortHeader>
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
        <Pager view={view} noun="engagements" />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
