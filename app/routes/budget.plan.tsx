import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { COST_CATEGORIES, COST_CLASSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ConflictData, VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { parseBudgetQuery } from "~/budget/budget-filters";
import { fiscalYearOf } from "~/money/fiscal";
import { moneyLookups } from "~/budget/lookups.server";
import { buildPlanGrid, newRowCells, PlanGridSchema } from "~/budget/plan-grid";
import { PlanConflictError, planLines, savePlan } from "~/budget/plan.server";
import { getProgram } from "~/settings/settings.server";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { PLAN_GRID_BODY_LIMIT } from "~/utils/request-limits";

// Up to 2,000 cells (the schema's bound) of at most 8 fields, plus the new row and the selectors.
const PLAN_GRID_FORM_LIMITS = {
  maxBytes: PLAN_GRID_BODY_LIMIT,
  maxFields: 2000 * 8 + 20,
  maxTotalLength: PLAN_GRID_BODY_LIMIT,
  maxIndex: 1999,
  maxArraySlots: 2000,
};

export const access = defineAccess({ loader: "update:budget:any", action: "update:budget:any" });

export const meta: MetaFunction = () => [{ title: "Edit plan · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const program = getProgram(db);
  const lookups = moneyLookups(db);
  const { query } = parseBudgetQuery(new URL(request.url).searchParams);
  const ws = (query.ws && lookups.workstreamByCode.get(query.ws)) || lookups.workstreams[0];
  const thisYear = fiscalYearOf(todayIso(), program.fiscalYearStartMonth);
  const clamp = (y: number) => Math.min(program.endFiscalYear, Math.max(program.startFiscalYear, y));
  const fy = clamp(query.fy ?? thisYear);
  const rows = ws ? buildPlanGrid(planLines(db, ws.id, fy)) : [];
  const years: number[] = [];
  for (let y = program.startFiscalYear; y <= program.endFiscalYear; y++) years.push(y);
  return { ws: ws ?? null, fy, years, rows, workstreams: lookups.workstreams, engagements: lookups.engagements };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request, PLAN_GRID_FORM_LIMITS);
  const submission = parseWithZod(formData, { schema: PlanGridSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null as ConflictData | null }, { status: 400 });
  const { ws, fy, cells, newRow } = submission.value;
  const program = getProgram(db);
  const workstream = moneyLookups(db).workstreamByCode.get(ws);
  if (!workstream) return data({ result: submission.reply({ formErrors: [`No workstream ${ws}.`] }), conflict: null }, { status: 400 });
  if (fy < program.startFiscalYear || fy > program.endFiscalYear) {
    return data({ result: submission.reply({ formErrors: [`FY${fy} is outside the programme.`] }), conflict: null }, { status: 400 });
  }
  try {
    const { changed } = savePlan(db, auditContext(user.id, context), workstream.id, fy, [...cells, ...newRowCells(newRow)]);
    return redirectWithToast(`/budget/plan?ws=${encodeURIComponent(ws)}&fy=${fy}`, { kind: "success", message: `Plan saved: ${changed} cell(s) changed.` });
  } catch (error) {
    if (error instanceof PlanConflictError) {
      const conflict: ConflictData = { entity: `plan of ${ws} for FY${fy}`, currentVersion: 0, changes: error.changes };
      return data({ result: submission.reply(), conflict }, { status: 409 });
    }
    throw error;
  }
}

export default function EditPlan() {
  const { ws, fy, years, rows, workstreams, engagements } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = (actionData?.result?.error ?? {}) as Record<string, string[] | null>;
  const engagementName = new Map(engagements.map((e) => [e.id, e.sowReference]));
  let i = -1;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/budget">Budget</Link> ›
        </p>
        <h1 className="text-2xl font-semibold">Edit plan</h1>
        <p className="text-sm text-slate-500">
          Amounts in dollars (1234.56). Only changed cells are saved, all together or not at all; if someone else changed a cell meanwhile, nothing is saved and
          their values are shown.
        </p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Choose workstream and year">
        <label>
          Workstream
          <select name="ws" defaultValue={ws?.code} className="ml-1 rounded border border-slate-300 px-1 py-1">
            {workstreams.map((w) => (
              <option key={w.id} value={w.code}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Fiscal year
          <select name="fy" defaultValue={fy} className="ml-1 rounded border border-slate-300 px-1 py-1">
            {years.map((y) => (
              <option key={y} value={y}>
                FY{y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-400 px-3 py-1">
          Open
        </button>
      </Form>
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      {actionData?.result?.error?.[""] ? (
        <p role="alert" className="text-sm text-red-700">
          {actionData.result.error[""]?.join(" ")}
        </p>
      ) : null}
      {ws ? (
        <Form
          method="post"
          className="overflow-x-auto rounded border border-slate-200 bg-white p-4"
          key={`${ws.code}-${fy}-${JSON.stringify(rows.map((r) => r.cells.map((c) => c.version)))}`}
        >
          <input type="hidden" name="ws" value={ws.code} />
          <input type="hidden" name="fy" value={fy} />
          <table data-testid="plan-grid">
            <caption className="mb-2 text-left font-semibold">
              {ws.code} {ws.name} · FY{fy}
            </caption>
            <thead>
              <tr>
                <th>Class</th>
                <th>Category</th>
                <th>Engagement</th>
                {[1, 2, 3, 4].map((q) => (
                  <th key={q} className="text-right">
                    Q{q}
                  </th>
                ))}
                <th className="text-right">Year</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.costClass}</td>
                  <td>{humanize(r.category)}</td>
                  <td>{r.engagementId ? (engagementName.get(r.engagementId) ?? r.engagementId) : "—"}</td>
                  {r.cells.map((c) => {
                    i++;
                    const name = `cells[${i}]`;
                    const err = errors[`${name}.amount`];
                    return (
                      <td key={c.quarter} className="text-right">
                        {c.id ? <input type="hidden" name={`${name}.id`} value={c.id} /> : null}
                        {c.version ? <input type="hidden" name={`${name}.version`} value={c.version} /> : null}
                        <input type="hidden" name={`${name}.quarter`} value={c.quarter} />
                        <input type="hidden" name={`${name}.costClass`} value={r.costClass} />
                        <input type="hidden" name={`${name}.category`} value={r.category} />
                        {r.engagementId ? <input type="hidden" name={`${name}.engagementId`} value={r.engagementId} /> : null}
                        <input type="hidden" name={`${name}.original`} value={c.amount} />
                        <input
                          name={`${name}.amount`}
                          defaultValue={c.amount}
                          inputMode="decimal"
                          aria-label={`FY${fy} Q${c.quarter} ${r.costClass} ${r.category}`}
                          aria-invalid={err ? true : undefined}
                          className="w-28 rounded border border-slate-300 px-1 py-0.5 text-right tabular-nums aria-[invalid=true]:border-red-600"
                        />
                        {err ? <p className="text-xs text-red-700">{err.join(" ")}</p> : null}
                      </td>
                    );
                  })}
                  <td className="text-right tabular-nums">{formatCents(r.totalCents)}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <select name="newRow.costClass" aria-label="New row class" defaultValue="" className="rounded border border-slate-300 px-1 py-0.5">
                    <option value="">Add a row…</option>
                    {COST_CLASSES.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select name="newRow.category" aria-label="New row category" defaultValue="" className="rounded border border-slate-300 px-1 py-0.5">
                    <option value="">—</option>
                    {COST_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {humanize(c)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select name="newRow.engagementId" aria-label="New row engagement" defaultValue="" className="rounded border border-slate-300 px-1 py-0.5">
                    <option value="">None</option>
                    {engagements.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.sowReference}
                      </option>
                    ))}
                  </select>
                </td>
                {(["q1", "q2", "q3", "q4"] as const).map((q) => (
                  <td key={q} className="text-right">
                    <input
                      name={`newRow.${q}`}
                      inputMode="decimal"
                      aria-label={`New row ${q.toUpperCase()}`}
                      className="w-28 rounded border border-slate-300 px-1 py-0.5 text-right"
                    />
                    {errors[`newRow.${q}`] ? <p className="text-xs text-red-700">{errors[`newRow.${q}`]!.join(" ")}</p> : null}
                  </td>
                ))}
                <td />
              </tr>
            </tbody>
          </table>
          <div className="mt-3">
            <SubmitButton>Save plan</SubmitButton>
          </div>
        </Form>
      ) : (
        <p>Create a workstream first.</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
