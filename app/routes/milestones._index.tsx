import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { MILESTONE_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermissionOrOwn } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listAsOf, listMilestones, workstreamOptions } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";
import { FilterBar, FilterSelect, withSearch } from "~/components/filter-bar";
import { MilestoneTable } from "~/milestones/milestone-table";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Milestones · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const filters = parseFilters(MilestoneFiltersSchema, new URL(request.url));
  const today = listAsOf(new URL(request.url));
  return {
    today,
    filters,
    rows: listMilestones(db, filters, today),
    workstreams: workstreamOptions(db),
    canCreate: roleHasPermissionOrOwn(user.role, "create:milestone:any"),
    canImport: roleHasPermissionOrOwn(user.role, "update:milestone:any"),
  };
}

export default function Milestones() {
  const { rows, filters, workstreams, canCreate, canImport, today } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Milestones</h1>
        <p className="text-sm text-slate-600">
          {rows.length} shown · slip is forecast (or actual) minus baseline · as of {today}
        </p>
        <div className="no-print ml-auto flex gap-3 text-sm">
          {canImport ? <a href="/milestones/import">Import CSV</a> : null}
          {canCreate ? <a href="/milestones/new">New milestone</a> : null}
        </div>
      </header>
      <FilterBar exportHref={withSearch("/milestones.csv", search)}>
        <FilterSelect
          name="workstream"
          label="Workstream"
          value={filters.workstream}
          options={workstreams.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
        />
        <FilterSelect name="status" label="Status" value={filters.status} options={MILESTONE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))} />
        <FilterSelect
          name="due"
          label="Due"
          value={filters.due}
          options={[
            { value: "overdue", label: "Overdue" },
            { value: "30", label: "In the next 30 days" },
            { value: "90", label: "In the next 90 days" },
          ]}
        />
        <label className="flex items-center gap-1 pb-1.5">
          <input type="checkbox" name="slipped" value="1" defaultChecked={filters.slipped === "1"} /> Slipped only
        </label>
        <label className="block">
          <span className="block text-xs font-medium text-slate-600">Search</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} className="mt-1 rounded border border-slate-300 px-2 py-1" />
        </label>
      </FilterBar>
      <section className="rounded border border-slate-200 bg-white p-3">
        <MilestoneTable rows={rows} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
