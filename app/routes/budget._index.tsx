import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { COST_CATEGORIES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { BurnUpChart } from "~/components/charts/burn-up-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { formatBp } from "~/money/cents";
import { budgetSearch, parseBudgetQuery } from "~/budget/budget-filters";
import { budgetFigures, loadBudget } from "~/budget/budget.server";
import { offThread } from "~/figures/off-thread.server";
import { ACTUAL_LIST } from "~/budget/actuals.server";
import { listParamsOr400 } from "~/lists/list-params";
import type { ListView } from "~/lists/list-links";
import { Pager } from "~/components/lists/pager";
import { pageOfArray } from "~/lists/page.server";
import { BUDGET_WORKSTREAM_LIST } from "~/budget/budget-filters";
import { SearchBox } from "~/components/lists/search-box";
import { SortHeader } from "~/components/lists/sort-header";
import { ListNotices } from "~/components/lists/list-notices";
import { FiguresTable } from "~/budget/figures-table";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Budget · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const url = new URL(request.url);
  const list = listParamsOr400(url, ACTUAL_LIST);
  const { query, ignored } = parseBudgetQuery(url.searchParams);
  const today = todayIso();
  // A drill-down or filter the background thread has not warmed costs seconds at 100x: computed there meanwhile.
  await offThread(db, budgetFigures, query, today, list);
  const data = loadBudget(db, query, today, list);
  // A programme of a thousand workstreams sends one page of its workstream table (the exports carry every row).
  const workstreamList = listParamsOr400(url, BUDGET_WORKSTREAM_LIST);
  const workstreams = pageOfArray(workstreamList, data.level === "workstream" ? data.levelRows : data.views.workstream);
  return {
    ...data,
    levelRows: data.level === "workstream" ? workstreams.rows : data.levelRows,
    views: { ...data.views, workstream: data.level === "workstream" ? [] : workstreams.rows },
    workstreamView: workstreams.view,
    ignored: [...ignored, ...data.ignored],
    problems: [...list.problems, ...workstreamList.problems],
    canEdit: roleHasPermission(user.role, "update:budget:any"),
  };
}

export default function Budget() {
  const data = useLoaderData<typeof loader>();
  const { query: q, totals, level } = data;
  const search = budgetSearch(q);
  const years: number[] = [];
  for (let y = data.program.startFiscalYear; y <= data.program.endFiscalYear; y++) years.push(y);
  const crumbs = [
    { label: "Programme", href: `/budget${budgetSearch({ ...q, fy: undefined, q: undefined, ws: undefined })}` },
    ...(q.fy ? [{ label: `FY${q.fy}`, href: `/budget${budgetSearch({ ...q, q: undefined, ws: undefined })}` }] : []),
    ...(q.fy && q.q ? [{ label: `Q${q.q}`, href: `/budget${budgetSearch({ ...q, ws: undefined })}` }] : []),
    ...(q.fy && q.q && q.ws ? [{ label: q.ws, href: `/budget${search}` }] : []),
  ];
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Budget</h1>
          <p className="text-sm text-slate-500">
            Plan, commitments and actual spend as of {data.asOf}. Fiscal years start in month {data.program.fyStartMonth}.
          </p>
        </div>
        <nav aria-label="Budget actions" className="flex flex-wrap gap-3 text-sm">
          <a href={`/budget.csv${search}`}>Export CSV</a>
          <a href={`/budget.xlsx${search}`}>Export workbook (XLSX)</a>
          {data.canEdit ? (
            <>
              <Link to="/budget/actuals/import">Import actuals</Link>
              <Link to={`/budget/plan${budgetSearch({ fy: q.fy, ws: q.ws })}`}>Edit plan</Link>
              <Link to="/budget/spend">Commitments &amp; actuals</Link>
            </>
          ) : null}
        </nav>
      </header>

      <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm" aria-label="Filters">
        <label>
          Fiscal year
          <select name="fy" defaultValue={q.fy ?? ""} className="ml-1 rounded border border-slate-300 px-1 py-1">
            <option value="">All</option>
            {years.map((y) => (
              <option key={y} value={y}>
                FY{y}
              </option>
            ))}
          </select>
        </label>
        {q.q ? <input type="hidden" name="q" value={q.q} /> : null}
        <label>
          Workstream
          <select name="ws" defaultValue={q.ws ?? ""} className="ml-1 rounded border border-slate-300 px-1 py-1">
            <option value="">All</option>
            {data.lookups.workstreams.map((w) => (
              <option key={w.id} value={w.code}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select name="category" defaultValue={q.category ?? ""} className="ml-1 rounded border border-slate-300 px-1 py-1">
            <option value="">All</option>
            {COST_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Vendor
          <select name="vendor" defaultValue={q.vendor ?? ""} className="ml-1 rounded border border-slate-300 px-1 py-1">
            <option value="">All</option>
            {data.lookups.vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 font-medium text-white">
          Apply
        </button>
        <Link to="/budget">Clear</Link>
      </Form>
      {data.ignored.length ? (
        <p role="status" className="text-sm text-amber-800">
          Ignored invalid filter value(s): {data.ignored.join(", ")}.
        </p>
      ) : null}

      <nav aria-label="Drill-down" className="text-sm">
        <ol className="flex flex-wrap gap-2">
          {crumbs.map((c, i) => (
            <li key={c.label}>
              {i > 0 ? <span className="mr-2 text-slate-400">›</span> : null}
              {i === crumbs.length - 1 ? <span className="font-semibold">{c.label}</span> : <Link to={c.href}>{c.label}</Link>}
            </li>
          ))}
        </ol>
      </nav>

      <section aria-label="Totals" className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-8">
        <Stat label="Plan" value={formatCents(totals.planCents)} testId="total-plan" />
        <Stat label="Plan to date" value={formatCents(totals.planToDateCents)} testId="total-plan-to-date" />
        <Stat label="Committed" value={formatCents(totals.committedCents)} testId="total-committed" />
        <Stat label="Actual" value={formatCents(totals.actualCents)} testId="total-actual" />
        <Stat label="Variance" value={`${formatCents(totals.varianceCents)} (${formatBp(totals.variancePctBp)})`} testId="total-variance" />
        <Stat label="Burn / quarter" value={formatCents(totals.burnRateCents)} testId="total-burn" />
        <Stat label="EAC (plan)" value={formatCents(totals.eacCents)} testId="total-eac" />
        <Stat label="EAC (trend)" value={formatCents(totals.eacTrendCents)} testId="total-eac-trend" />
      </section>

      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Burn-up · {data.scopeLabel}</h2>
        <BurnUpChart points={data.burnUp.points} today={data.burnUp.today} title={`Cumulative plan, actual and commitments by quarter, ${data.scopeLabel}`} />
      </section>

      <section className="overflow-x-auto rounded border border-slate-200 bg-white p-4">
        {level === "actuals" && data.actualView ? (
          <>
            <ListNotices problems={data.problems} />
            <SearchBox view={data.actualView} label="Search reference or description" />
            <ActualRows rows={data.actualRows} view={data.actualView} scope={data.scopeLabel} />
            <Pager view={data.actualView} noun="invoices" label="Invoice pages" />
          </>
        ) : (
          <>
            <FiguresTable
              rows={data.levelRows}
              total={totals}
              testId="drill-table"
              caption={level === "year" ? "By fiscal year" : level === "quarter" ? "By quarter" : "By workstream"}
            />
            {level === "workstream" ? <Pager view={data.workstreamView} noun="workstreams" label="Workstream pages" /> : null}
          </>
        )}
      </section>

      <section className="grid gap-4">
        {level !== "workstream" ? (
          <div className="overflow-x-auto rounded border border-slate-200 bg-white p-4">
            <FiguresTable rows={data.views.workstream} caption="By workstream" testId="view-workstream" />
            <Pager view={data.workstreamView} noun="workstreams" label="Workstream pages" />
          </div>
        ) : null}
        <div className="overflow-x-auto rounded border border-slate-200 bg-white p-4">
          <FiguresTable rows={data.views.vendor} caption="By vendor" testId="view-vendor" />
        </div>
        <div className="overflow-x-auto rounded border border-slate-200 bg-white p-4">
          <FiguresTable rows={data.views.category} caption="By category" testId="view-category" />
        </div>
        <div className="overflow-x-auto rounded border border-slate-200 bg-white p-4">
          <FiguresTable rows={data.views.engagement} caption="By engagement" testId="view-engagement" />
        </div>
      </section>
      <p className="text-xs text-slate-500">
        Variance = actual − plan to date (positive: ahead of plan); plan to date counts past quarters in full and the current one pro rata by day. EAC = actual
        + plan not yet due; the trend EAC carries the burn rate (average of the last four completed programme quarters) over the scope&apos;s quarters not yet
        complete, so a closed year&apos;s trend EAC is its actual. Definitions: docs/figures.md.
      </p>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

type ActualRow = ReturnType<typeof useLoaderData<typeof loader>>["actualRows"][number];

function ActualRows({ rows, view, scope }: { rows: ActualRow[]; view: ListView; scope: string }) {
  return (
    <table data-testid="actual-rows">
      <caption className="mb-2 text-left font-semibold">
        Actual spend · {scope} · {view.total.toLocaleString("en-US")} invoice(s){view.pageCount > 1 ? " (the CSV export has them all)" : ""}
      </caption>
      <thead>
        <tr>
          <SortHeader view={view} sort="reference">
            Reference
          </SortHeader>
          <SortHeader view={view} sort="date">
            Date
          </SortHeader>
          <th>Workstream</th>
          <th>Engagement</th>
          <th>Vendor</th>
          <SortHeader view={view} sort="category">
            Category
          </SortHeader>
          <th>Class</th>
          <th>Tags</th>
          <th>Description</th>
          <SortHeader view={view} sort="amount" className="text-right" firstDir="desc">
            Amount
          </SortHeader>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={10} className="text-slate-500">
              No actual spend in this scope.
            </td>
          </tr>
        ) : null}
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="font-mono">{r.reference}</td>
            <td>{r.date}</td>
            <td>{r.workstreamCode}</td>
            <td>{r.engagementSow ?? "—"}</td>
            <td>{r.vendorName ?? "—"}</td>
            <td>{humanize(r.category)}</td>
            <td>{r.costClass}</td>
            <td>{r.tags.join(", ")}</td>
            <td>{r.description}</td>
            <td className="text-right tabular-nums">{formatCents(r.amountCents, { exact: true })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
