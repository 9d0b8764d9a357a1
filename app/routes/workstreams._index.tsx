import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { CSF_FUNCTIONS, LIFECYCLE_STATUSES, RAGS } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseFilters } from "~/milestones/milestone-schemas";
import { FilterBar, FilterSelect, withSearch } from "~/components/filter-bar";
import { RagOrNone } from "~/components/rag-or-none";
import { WorkstreamFiltersSchema } from "~/workstreams/workstream-schemas";
import { ownerOptions, pageWorkstreams, WORKSTREAM_LIST } from "~/workstreams/workstreams.server";
import { listParamsOr400 } from "~/lists/list-params";
import { Pager } from "~/components/lists/pager";
import { ListFormFields, SearchField } from "~/components/lists/search-box";
import { SortHeader } from "~/components/lists/sort-header";
import { ListNotices } from "~/components/lists/list-notices";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Workstreams · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  const url = new URL(request.url);
  const list = listParamsOr400(url, WORKSTREAM_LIST);
  const filters = parseFilters(WorkstreamFiltersSchema, url);
  const page = pageWorkstreams(db, filters, today, list);
  return {
    filters,
    rows: page.rows,
    view: page.view,
    problems: list.problems,
    owners: ownerOptions(db),
    canCreate: roleHasPermission(user.role, "create:workstream:any"),
  };
}

export default function Workstreams() {
  const { rows, view, problems, filters, owners, canCreate } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Workstreams</h1>
        <p className="text-sm text-slate-600">
          Overall RAG is the computed rollup of schedule, cost, risk, staleness and the lead's latest submitted report, or a manual override while in force;
          "Lead reported" is that report's own RAG
        </p>
        {canCreate ? (
          <a href="/workstreams/new" className="no-print ml-auto text-sm">
            New workstream
          </a>
        ) : null}
      </header>
      <FilterBar exportHref={withSearch("/workstreams.csv", search)}>
        <FilterSelect
          name="lifecycle"
          label="Lifecycle"
          value={filters.lifecycle}
          options={LIFECYCLE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
        />
        <FilterSelect name="csf" label="CSF function" value={filters.csf} options={CSF_FUNCTIONS.map((s) => ({ value: s, label: humanize(s) }))} />
        <FilterSelect
          name="owner"
          label="Owner"
          value={filters.owner ? String(filters.owner) : undefined}
          options={owners.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <FilterSelect
          name="rag"
          label="RAG"
          value={filters.rag}
          options={[...RAGS.map((r) => ({ value: r, label: humanize(r) })), { value: "none", label: "No report yet" }]}
        />
        <SearchField view={view} label="Search code, name or objective" />
        <ListFormFields view={view} />
      </FilterBar>
      <ListNotices problems={problems} />
      <section className="rounded border border-slate-200 bg-white p-3">
        {rows.length ? (
          <table>
            <thead>
              <tr>
                <SortHeader view={view} sort="code">
                  Code
                </SortHeader>
                <SortHeader view={view} sort="name">
                  Workstream
                </SortHeader>
                <SortHeader view={view} sort="owner">
                  Owner
                </SortHeader>
                <th>CSF</th>
                <SortHeader view={view} sort="lifecycle">
                  Lifecycle
                </SortHeader>
                <SortHeader view={view} sort="start" title="Sort by start date">
                  Dates
                </SortHeader>
                <th>Overall RAG</th>
                <th>Lead reported</th>
                <th className="text-right">Open</th>
                <th className="text-right">Slipped</th>
                <th className="text-right" title="Slipped against the original baseline: re-baselining never hides a slip">
                  Slipped vs original
                </th>
                <th className="text-right">Re-baselined</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr key={w.id} data-testid={`workstream-${w.code}`}>
                  <td className="font-mono">
                    <a href={`/workstreams/${w.code}`}>{w.code}</a>
                  </td>
                  <td>{w.name}</td>
                  <td>{w.ownerName ?? "—"}</td>
                  <td className="text-xs">{w.csfFunctions.map(humanize).join(", ")}</td>
                  <td>{humanize(w.lifecycleStatus)}</td>
                  <td className="whitespace-nowrap text-xs tabular-nums">
                    {w.startDate} – {w.endDate}
                  </td>
                  <td>
                    <RagOrNone rag={w.rag} source={w.ragSource} />
                  </td>
                  <td data-testid={`reported-${w.code}`}>{w.reported ? <RagOrNone rag={w.reported} source={null} /> : "—"}</td>
                  <td className="text-right tabular-nums">{w.milestonesOpen}</td>
                  <td className="text-right tabular-nums">{w.milestonesSlipped}</td>
                  <td className="text-right tabular-nums">{w.milestonesSlippedOriginal}</td>
                  <td className="text-right tabular-nums">{w.milestonesRebaselined}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">No workstreams match.</p>
        )}
        <Pager view={view} noun="workstreams" />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
