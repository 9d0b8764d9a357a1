import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { MILESTONE_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermissionOrOwn } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listAsOf, MILESTONE_LIST, pageMilestones, workstreamFilterOptions } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";
import { FilterBar, FilterSelect, withSearch, WorkstreamFilter } from "~/components/filter-bar";
import { MilestoneTable } from "~/milestones/milestone-table";
import { listParamsOr400 } from "~/lists/list-params";
import { Pager } from "~/components/lists/pager";
import { ListFormFields, SearchField } from "~/components/lists/search-box";
import { ListNotices } from "~/components/lists/list-notices";
import { db } from "~/db.server";
import { offThread } from "~/figures/off-thread.server";
import { humanize } from "~/utils/format";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Milestones · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const url = new URL(request.url);
  const list = listParamsOr400(url, MILESTONE_LIST);
  // The search is the list's q (bounded, a 400 when too long), so the filters and the export read the same value.
  const filters = { ...parseFilters(MilestoneFiltersSchema, url), q: list.q || undefined };
  const today = listAsOf(url);
  // A filter or day the background thread has not warmed: computed there while this thread serves others.
  await offThread(db, pageMilestones, filters, today, list);
  const page = pageMilestones(db, filters, today, list);
  return {
    today,
    filters,
    rows: page.rows,
    view: page.view,
    problems: list.problems,
    workstreams: workstreamFilterOptions(db),
    canCreate: roleHasPermissionOrOwn(user.role, "create:milestone:any"),
    canImport: roleHasPermissionOrOwn(user.role, "update:milestone:any"),
  };
}

export default function Milestones() {
  const { rows, view, problems, filters, workstreams, canCreate, canImport, today } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Milestones</h1>
        <p className="text-sm text-slate-600">Slip is forecast (or actual) minus baseline · as of {today}</p>
        <div className="no-print ml-auto flex gap-3 text-sm">
          {canImport ? <a href="/milestones/import">Import CSV</a> : null}
          {canCreate ? <a href="/milestones/new">New milestone</a> : null}
        </div>
      </header>
      <FilterBar exportHref={withSearch("/milestones.csv", search)}>
        <WorkstreamFilter value={filters.workstream} options={workstreams} />
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
        <SearchField view={view} label="Search code, title or description" />
        <ListFormFields view={view} />
      </FilterBar>
      <ListNotices problems={problems} />
      <section className="rounded border border-slate-200 bg-white p-3">
        <MilestoneTable rows={rows} view={view} />
        <Pager view={view} noun="milestones" />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
