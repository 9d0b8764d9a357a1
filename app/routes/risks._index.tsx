import { SeeAll } from "~/components/see-all";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CSF_FUNCTIONS, RISK_LEVELS, RISK_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { HeatMap } from "~/components/charts/heat-map";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { offThread } from "~/figures/off-thread.server";
import { filtersToSearch, parseRiskFilters } from "~/risks/filters";
import { LevelBadge, RiskFlags } from "~/risks/level-badge";
import { registerPage, RISK_LIST } from "~/risks/register-page.server";
import { listParamsOr400 } from "~/lists/list-params";
import { Pager } from "~/components/lists/pager";
import { ListFormFields, SearchField } from "~/components/lists/search-box";
import { SortHeader } from "~/components/lists/sort-header";
import { ListNotices } from "~/components/lists/list-notices";
import { RiskTrendChart } from "~/risks/trend-chart";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Risks · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const url = new URL(request.url);
  const list = listParamsOr400(url, RISK_LIST);
  const filters = { ...parseRiskFilters(url.searchParams), q: list.q || undefined };
  const today = todayIso();
  // A filter the background thread has not warmed costs seconds at 100x: computed there while this thread serves others.
  await offThread(db, registerPage, filters, today, list);
  const { register, ...page } = registerPage(db, filters, today, list);
  return { ...page, rows: register.rows, view: register.view, problems: list.problems, canEdit: canActOnAny(user, "update:risk:any") };
}

const selectClass = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default function Risks() {
  const d = useLoaderData<typeof loader>();
  const f = d.filters;
  const search = filtersToSearch(f);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Risk register</h1>
          <p className="mt-1 text-sm text-slate-600">
            Appetite: <strong>{humanize(d.appetite)}</strong> · figures as of {d.asOf}
          </p>
        </div>
        <div className="flex gap-3 text-sm">
          <a href={`/risks.csv${search}`}>Export CSV</a>
          {d.canEdit ? (
            <>
              <Link to="/risks/import">Import CSV</Link>
              <Link to="/risks/new">New risk</Link>
            </>
          ) : null}
        </div>
      </header>

      <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm" aria-label="Filter risks">
        <label>
          Current level
          <select name="level" defaultValue={f.level ?? ""} className={selectClass}>
            <option value="">Any</option>
            {RISK_LEVELS.map((l) => (
              <option key={l} value={l}>
                {humanize(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <select name="owner" defaultValue={f.owner ?? ""} className={selectClass}>
            <option value="">Anyone</option>
            {d.options.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Workstream
          <select name="ws" defaultValue={f.ws ?? ""} className={selectClass}>
            <option value="">Any</option>
            {d.options.workstreams.map((w) => (
              <option key={w.code} value={w.code}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={f.status ?? ""} className={selectClass}>
            <option value="">Any</option>
            {RISK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          CSF function
          <select name="csf" defaultValue={f.csf ?? ""} className={selectClass}>
            <option value="">Any</option>
            {CSF_FUNCTIONS.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="above" value="1" defaultChecked={Boolean(f.above)} /> Above appetite
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="overdue" value="1" defaultChecked={Boolean(f.overdue)} /> Review overdue
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="expired" value="1" defaultChecked={Boolean(f.expired)} /> Acceptance expired
        </label>
        <SearchField view={d.view} label="Search code, title or description" />
        {(["cl", "ci", "il", "ii"] as const).map((k) => (f[k] ? <input key={k} type="hidden" name={k} value={f[k]} /> : null))}
        <ListFormFields view={d.view} />
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 font-medium text-white">
          Filter
        </button>
        <Link to="/risks">Clear</Link>
      </Form>

      <section aria-labelledby="heat-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="heat-heading" className="mb-2 text-lg font-semibold">
          Heat maps
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Counts of the risks the filters select that are not closed (closed risks stay in the list but count in no figure). Select a cell to list its risks.
        </p>
        <div className="flex flex-wrap gap-8">
          <HeatMap
            name="inherent"
            title="Inherent (before treatment)"
            matrix={d.matrix}
            counts={d.heat.inherent}
            selected={{ likelihood: f.il, impact: f.ii }}
            hrefFor={(l, i) => `/risks${filtersToSearch(f, { il: l, ii: i })}`}
          />
          <HeatMap
            name="current"
            title="Current"
            matrix={d.matrix}
            counts={d.heat.current}
            selected={{ likelihood: f.cl, impact: f.ci }}
            hrefFor={(l, i) => `/risks${filtersToSearch(f, { cl: l, ci: i })}`}
          />
        </div>
        {f.cl || f.ci || f.il || f.ii ? (
          <p className="mt-2 text-sm">
            <Link to={`/risks${filtersToSearch(f, { cl: undefined, ci: undefined, il: undefined, ii: undefined })}`}>Clear the heat-map cell</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="list-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="list-heading" className="mb-2 text-lg font-semibold">
          Risks{" "}
          <span className="text-sm font-normal text-slate-500" data-testid="risk-count">
            ({d.view.total})
          </span>
        </h2>
        <ListNotices problems={d.problems} />
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <SortHeader view={d.view} sort="code">
                  Code
                </SortHeader>
                <SortHeader view={d.view} sort="title">
                  Title
                </SortHeader>
                <SortHeader view={d.view} sort="owner">
                  Owner
                </SortHeader>
                <th>Workstreams</th>
                <SortHeader view={d.view} sort="inherent" firstDir="desc">
                  Inherent
                </SortHeader>
                <SortHeader view={d.view} sort="score" firstDir="desc">
                  Current
                </SortHeader>
                <th>Target</th>
                <SortHeader view={d.view} sort="treatment">
                  Treatment
                </SortHeader>
                <SortHeader view={d.view} sort="status">
                  Status
                </SortHeader>
                <SortHeader view={d.view} sort="review">
                  Next review
                </SortHeader>
                <th>Flags</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} data-testid={`risk-${r.code}`}>
                  <td className="font-mono">
                    <Link to={`/risks/${r.code}`}>{r.code}</Link>
                  </td>
                  <td>{r.title}</td>
                  <td>{r.ownerName ?? "—"}</td>
                  <td className="font-mono text-xs">{r.workstreamCodes.join(", ") || "—"}</td>
                  <td>
                    <LevelBadge level={r.inherentLevel} colours={d.matrix.colours} score={`${r.inherentLikelihood}×${r.inherentImpact}`} />
                  </td>
                  <td>
                    <LevelBadge level={r.currentLevel} colours={d.matrix.colours} score={`${r.currentLikelihood}×${r.currentImpact}`} />
                  </td>
                  <td>
                    <LevelBadge level={r.targetLevel} colours={d.matrix.colours} score={`${r.targetLikelihood}×${r.targetImpact}`} />
                  </td>
                  <td>{humanize(r.treatment)}</td>
                  <td>{humanize(r.status)}</td>
                  <td className="tabular-nums">{r.nextReviewDate ?? "—"}</td>
                  <td>
                    <RiskFlags row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.rows.length === 0 ? <p className="mt-2 text-sm text-slate-500">No risk matches these filters.</p> : null}
        </div>
        <Pager view={d.view} noun="risks" />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="top-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="top-heading" className="mb-2 text-lg font-semibold">
            Top risks
          </h2>
          <ol className="space-y-1 text-sm">
            {d.top.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/risks/${r.code}`} className="font-mono">
                  {r.code}
                </Link>
                <span>{r.title}</span>
                <LevelBadge level={r.currentLevel} colours={d.matrix.colours} score={String(r.currentScore)} />
                <RiskFlags row={r} />
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="overdue-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="overdue-heading" className="mb-2 text-lg font-semibold">
            Reviews overdue
          </h2>
          {d.overdue.length ? (
            <ul className="space-y-1 text-sm">
              {d.overdue.map((r) => (
                <li key={r.id}>
                  <Link to={`/risks/${r.code}`} className="font-mono">
                    {r.code}
                  </Link>{" "}
                  {r.title} — due {r.nextReviewDate} ({r.ownerName ?? "no owner"})
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">Every open risk has been reviewed on time.</p>
          )}
          <SeeAll shown={d.overdue.length} total={d.overdueTotal} href="/risks?overdue=1" noun="overdue reviews" />
        </section>
      </div>

      <section aria-labelledby="trend-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="trend-heading" className="mb-2 text-lg font-semibold">
          Programme risk by quarter
        </h2>
        <RiskTrendChart points={d.trend} colours={d.matrix.colours} />
        <details className="mt-2 text-sm">
          <summary>Figures</summary>
          <table className="mt-2">
            <thead>
              <tr>
                <th>Quarter</th>
                <th>As of</th>
                {RISK_LEVELS.map((l) => (
                  <th key={l} className="text-right">
                    {humanize(l)}
                  </th>
                ))}
                <th className="text-right">Sum of scores</th>
              </tr>
            </thead>
            <tbody>
              {d.trend.map((p) => (
                <tr key={p.quarter}>
                  <td>{p.quarter}</td>
                  <td>{p.asOf}</td>
                  {RISK_LEVELS.map((l) => (
                    <td key={l} className="text-right tabular-nums">
                      {p.byLevel[l]}
                    </td>
                  ))}
                  <td className="text-right tabular-nums">{p.scoreSum}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
