import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CSF_CATEGORIES, CSF_TIER_NAMES } from "~/csf/categories";
import { CategoryWorkstreamsFormSchema, mapCategoryWorkstreams, workstreamMappings } from "~/csf/mappings.server";
import { csfProfile } from "~/csf/profile.server";
import { saveTier, TierFormSchema, tierVersions } from "~/csf/tiers.server";
import { db } from "~/db.server";
import { VersionConflictError } from "~/utils/concurrency.server";
import { FieldValidationError } from "~/utils/field-errors";
import { readForm } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "read:program", action: "update:csf_profile" });

export const meta: MetaFunction = () => [{ title: "CSF 2.0 profile · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const asOf = parseAsOf(request);
  const search = new URL(request.url).searchParams;
  const gapsOnly = search.get("gaps") === "1";
  // One category's workstream editor at a time: at 100x the demo, every category's list of a thousand workstreams made a 4 MB page.
  const editing = (CSF_CATEGORIES as readonly string[]).includes(search.get("edit") ?? "") ? search.get("edit") : null;
  const rows = csfProfile(db, asOf);
  const canEdit = canActOnAny(user, "update:csf_profile");
  return {
    asOf,
    gapsOnly,
    rows: gapsOnly ? rows.filter((r) => r.gap.noWork || r.gap.noMeasure) : rows,
    versions: Object.fromEntries(tierVersions(db)),
    canEdit,
    // The mapping as it stands now (what a save changes), whatever day the profile is shown for.
    editing: canEdit ? editing : null,
    mappings: canEdit && editing ? workstreamMappings(db) : [],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const form = await readForm(request);
  if (form.get("intent") === "map-workstreams") {
    const submission = parseWithZod(form, { schema: CategoryWorkstreamsFormSchema });
    if (submission.status !== "success") return Response.json({ error: "Choose a category and workstreams from the list." }, { status: 400 });
    try {
      mapCategoryWorkstreams(db, auditContext(user.id, context), submission.value);
    } catch (error) {
      if (error instanceof FieldValidationError) return Response.json({ error: error.message }, { status: 400 });
      if (error instanceof VersionConflictError)
        return Response.json({ error: `${submission.value.category}: ${error.message} Reload to see the current mapping.` }, { status: 409 });
      throw error;
    }
    return redirectWithToast("/csf", { kind: "success", message: `${submission.value.category} workstreams saved.` });
  }
  const submission = parseWithZod(form, { schema: TierFormSchema });
  if (submission.status !== "success") return Response.json({ error: "Tiers run 1 (Partial) to 4 (Adaptive)." }, { status: 400 });
  try {
    saveTier(db, auditContext(user.id, context), submission.value);
  } catch (error) {
    if (error instanceof VersionConflictError) return Response.json({ error: `${error.message} Reload to see the current tiers.` }, { status: 409 });
    throw error;
  }
  return redirectWithToast("/csf", { kind: "success", message: `${submission.value.category} tiers saved.` });
}

export default function CsfProfile() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">NIST CSF 2.0 profile</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          The 22 categories of CSF 2.0 with the current and target implementation tier, the work, risks and measures mapped to each, as of {d.asOf}. A gap is a
          category no workstream works on, or no measure informs.{" "}
          {d.gapsOnly ? <Link to="/csf">Show every category</Link> : <Link to="/csf?gaps=1">Show gaps only</Link>}
        </p>
      </header>
      {result?.error ? (
        <p role="alert" className="text-sm text-red-700">
          {result.error}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="text-sm" data-testid="csf-profile">
          <thead>
            <tr>
              <th>Category</th>
              <th>Current tier</th>
              <th>Target tier</th>
              <th>Workstreams</th>
              <th>Open risks</th>
              <th>Measures</th>
              <th>Gap</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.category} data-testid={`csf-${r.category}`}>
                <td>
                  <span className="font-mono">{r.category}</span> {r.name}
                </td>
                <td colSpan={d.canEdit ? 2 : 1}>
                  {d.canEdit ? (
                    <Form method="post" className="flex items-center gap-1">
                      <input type="hidden" name="intent" value="tier" />
                      <input type="hidden" name="category" value={r.category} />
                      <input type="hidden" name="version" value={d.versions[r.category] ?? 0} />
                      <TierSelect name="current" value={r.currentTier} label={`${r.category} current tier`} />
                      <TierSelect name="target" value={r.targetTier} label={`${r.category} target tier`} />
                      <button type="submit" className="rounded border border-slate-400 px-2 text-xs">
                        Save
                      </button>
                    </Form>
                  ) : (
                    tierText(r.currentTier)
                  )}
                </td>
                {d.canEdit ? null : <td>{tierText(r.targetTier)}</td>}
                <td>
                  {r.workstreams.map((c) => (
                    <Link key={c} to={`/workstreams/${c}`} className="mr-1 inline-block min-h-6 font-mono">
                      {c}
                    </Link>
                  ))}
                  {d.canEdit && d.editing === r.category ? <MappingForm category={r.category} mappings={d.mappings} /> : null}
                  {d.canEdit && d.editing !== r.category ? (
                    <Link to={`?${editSearch(d.asOf, d.gapsOnly, r.category)}#map-${r.category}`} className="inline-block min-h-6 text-xs">
                      Edit workstreams<span className="sr-only"> for {r.category}</span>
                    </Link>
                  ) : null}
                </td>
                <td>
                  {r.risks.map((c) => (
                    <Link key={c} to={`/risks/${c}`} className="mr-1 inline-block min-h-6 font-mono">
                      {c}
                    </Link>
                  ))}
                </td>
                <td>
                  {r.measures.map((k) => (
                    <Link key={k} to={`/measures/${k}`} className="mr-1 inline-block min-h-6 font-mono">
                      {k}
                    </Link>
                  ))}
                </td>
                <td className="text-amber-800">{[r.gap.noWork ? "no work" : "", r.gap.noMeasure ? "no measure" : ""].filter(Boolean).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Which workstreams work on the category, as a list of checkboxes; `seen` lets the server refuse a save over someone else's change. */
function MappingForm({ category, mappings }: { category: string; mappings: Array<{ code: string; name: string; categories: string[] }> }) {
  const mapped = mappings.filter((w) => w.categories.includes(category)).map((w) => w.code);
  return (
    <details className="text-xs" open id={`map-${category}`}>
      <summary className="inline-block min-h-6 cursor-pointer text-slate-600">Edit workstreams</summary>
      <Form method="post" className="mt-1 space-y-1">
        <input type="hidden" name="intent" value="map-workstreams" />
        <input type="hidden" name="category" value={category} />
        <input type="hidden" name="seen" value={mapped.join(",")} />
        <fieldset>
          <legend className="sr-only">Workstreams working on {category}</legend>
          {mappings.map((w) => (
            <label key={w.code} className="flex min-h-6 items-center gap-1">
              <input type="checkbox" name="workstreams" value={w.code} defaultChecked={mapped.includes(w.code)} />
              <span className="font-mono">{w.code}</span> {w.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="rounded border border-slate-400 px-2">
          Save {category} workstreams
        </button>
      </Form>
    </details>
  );
}

/** The page's query with one category's workstream editor open. */
function editSearch(asOf: string, gapsOnly: boolean, category: string): string {
  const params = new URLSearchParams({ asOf, edit: category });
  if (gapsOnly) params.set("gaps", "1");
  return params.toString();
}

const tierText = (t: number | null) => (t === null ? "—" : `${t} ${CSF_TIER_NAMES[t]}`);

function TierSelect({ name, value, label }: { name: string; value: number | null; label: string }) {
  return (
    <select name={name} defaultValue={value ?? 1} aria-label={label} className="rounded border border-slate-300 text-xs">
      {[1, 2, 3, 4].map((t) => (
        <option key={t} value={t}>
          {tierText(t)}
        </option>
      ))}
    </select>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
