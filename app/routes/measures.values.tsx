import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { periodRange, shortPeriodLabel } from "~/measures/periods";
import { type CellEdit, type CellError, periodBounds, saveGridSafely, valueGrid } from "~/measures/values.server";
import { todayIso } from "~/time/today.server";
import { readForm } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "update:measure_value:any", action: "update:measure_value:any" });

export const meta: MetaFunction = () => [{ title: "Monthly values · Rampart" }];

const YearSchema = z.coerce.number().int().min(2000).max(2100);
const MAX_CELLS = 5000;

function monthsOf(year: number, bounds: { first: string; last: string }) {
  const from = `${year}-01` < bounds.first ? bounds.first : `${year}-01`;
  const to = `${year}-12` > bounds.last ? bounds.last : `${year}-12`;
  return from <= to ? periodRange(from, to) : [];
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  const bounds = periodBounds(db, today);
  const parsed = YearSchema.safeParse(new URL(request.url).searchParams.get("year") ?? today.slice(0, 4));
  const year = parsed.success ? parsed.data : Number(today.slice(0, 4));
  const months = monthsOf(year, bounds);
  const editor = { userId: user.id, any: canActOnAny(user, "update:measure_value:any") };
  return {
    year,
    months,
    rows: valueGrid(db, editor, months),
    all: editor.any,
    firstYear: Number(bounds.first.slice(0, 4)),
    lastYear: Number(bounds.last.slice(0, 4)),
  };
}

/** Cells come as `v:<measureId>:<period>` beside the text shown (`o:`) and the version seen (`ver:`); a row's note is `note:<measureId>`. */
function changedCells(form: FormData): CellEdit[] | null {
  const edits: CellEdit[] = [];
  for (const [name, raw] of form.entries()) {
    const m = /^v:(\d{1,9}):(\d{4}-\d{2})$/.exec(name);
    if (!m || typeof raw !== "string") continue;
    const original = String(form.get(`o:${m[1]}:${m[2]}`) ?? "");
    if (raw.trim() === original.trim()) continue;
    const seen = Number(form.get(`ver:${m[1]}:${m[2]}`) ?? "0");
    edits.push({
      measureId: Number(m[1]),
      period: m[2]!,
      text: raw.slice(0, 40),
      seenVersion: Number.isSafeInteger(seen) && seen >= 0 ? seen : 0,
      sourceNote: String(form.get(`note:${m[1]}`) ?? "")
        .trim()
        .slice(0, 500),
    });
  }
  return edits.length > MAX_CELLS ? null : edits;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const form = await readForm(request);
  const year = YearSchema.safeParse(form.get("year"));
  const edits = changedCells(form);
  if (!edits) return Response.json({ errors: [] as CellError[], formError: `At most ${MAX_CELLS} cells at once.` }, { status: 400 });
  if (!edits.length) return Response.json({ errors: [] as CellError[], formError: "Nothing changed." }, { status: 400 });
  const editor = { userId: user.id, any: canActOnAny(user, "update:measure_value:any") };
  const outcome = saveGridSafely(db, auditContext(user.id, context), editor, edits, todayIso());
  if (!outcome.ok) return Response.json({ errors: outcome.errors, formError: "Nothing was saved: see the cells marked below." }, { status: 400 });
  return redirectWithToast(`/measures/values${year.success ? `?year=${year.data}` : ""}`, { kind: "success", message: `${outcome.saved} value(s) saved.` });
}

export default function ValueGrid() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<{ errors: CellError[]; formError: string }>();
  const errorOf = (id: number, period: string) => result?.errors.find((e: CellError) => e.measureId === id && e.period === period)?.message;
  const years = Array.from({ length: d.lastYear - d.firstYear + 1 }, (_, i) => d.firstYear + i);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/measures">Measures</Link> ›
      </p>
      <h1 className="text-2xl font-semibold">Monthly values {d.year}</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        {d.all ? "Every measure" : "The measures you own"}: type a month's value in the measure's unit and say where it came from. A changed value is a
        correction: the earlier one stays in the history. If someone else changed a cell since you opened this page, nothing is saved and the cell says so.
      </p>
      <nav className="flex gap-2 text-sm" aria-label="Years">
        {years.map((y) =>
          y === d.year ? (
            <strong key={y}>{y}</strong>
          ) : (
            <Link key={y} to={`?year=${y}`}>
              {y}
            </Link>
          ),
        )}
      </nav>
      {result?.formError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {result.formError}
        </p>
      ) : null}
      {d.rows.length === 0 ? (
        <p>You own no measures.</p>
      ) : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="year" value={d.year} />
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="text-sm">
              <thead>
                <tr>
                  <th>Measure</th>
                  {d.months.map((p) => (
                    <th key={p}>{shortPeriodLabel(p)}</th>
                  ))}
                  <th>Source note (for the cells you change)</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="text-left">
                      <Link to={`/measures/${r.key}`} className="font-mono">
                        {r.key}
                      </Link>{" "}
                      <span className="text-xs text-slate-500">({r.unit})</span>
                    </th>
                    {d.months.map((p) => {
                      const cell = r.cells[p];
                      const error = errorOf(r.id, p);
                      return (
                        <td key={p}>
                          <input type="hidden" name={`o:${r.id}:${p}`} value={cell?.text ?? ""} />
                          <input type="hidden" name={`ver:${r.id}:${p}`} value={cell?.version ?? 0} />
                          <input
                            name={`v:${r.id}:${p}`}
                            defaultValue={cell?.text ?? ""}
                            inputMode="decimal"
                            size={7}
                            aria-label={`${r.key} ${p}`}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? `err-${r.id}-${p}` : undefined}
                            title={cell?.sourceNote || undefined}
                            className="w-20 rounded border border-slate-300 px-1 text-right tabular-nums"
                          />
                          {error ? (
                            <p id={`err-${r.id}-${p}`} className="max-w-[10rem] text-xs text-red-700">
                              {error}
                            </p>
                          ) : null}
                        </td>
                      );
                    })}
                    <td>
                      <input name={`note:${r.id}`} aria-label={`${r.key} source note`} maxLength={500} className="w-56 rounded border border-slate-300 px-1" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SubmitButton pendingText="Saving…">Save changed values</SubmitButton>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
