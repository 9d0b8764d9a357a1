import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { formValuesOf } from "~/measures/form-values";
import { measureForEdit, measureFormOptions, updateMeasure } from "~/measures/measures.server";
import { MeasureFormSchema } from "~/measures/schemas";
import { MeasureForm, type MeasureFormValues } from "~/measures/ui/measure-form";
import { VersionConflictError } from "~/utils/concurrency.server";
import { FieldValidationError } from "~/utils/field-errors";
import { readForm } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "update:measure:any", action: "update:measure:any" });

export const meta: MetaFunction = () => [{ title: "Edit measure · Rampart" }];

function load(key: string | undefined) {
  const found = measureForEdit(db, String(key ?? "").toUpperCase());
  if (!found) throw new Response("No such measure.", { status: 404 });
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const found = load(params.key);
  return { key: found.row.key, values: formValuesOf(found.row, found, found.targets), options: measureFormOptions(db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const found = load(params.key);
  const form = await readForm(request);
  // The key is fixed: the stored one is used whatever was posted.
  form.set("key", found.row.key);
  const submission = parseWithZod(form, { schema: MeasureFormSchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  try {
    updateMeasure(db, auditContext(user.id, context), found.row.id, submission.value);
    return redirectWithToast(`/measures/${found.row.key}`, { kind: "success", message: `Measure ${found.row.key} saved.` });
  } catch (error) {
    if (error instanceof FieldValidationError) return Response.json(submission.reply({ fieldErrors: error.fieldErrors }), { status: 400 });
    if (error instanceof VersionConflictError)
      return Response.json(submission.reply({ formErrors: [`${error.message} Reload the page to see the current definition, then make your change again.`] }), {
        status: 409,
      });
    throw error;
  }
}

export default function EditMeasure() {
  const { key, values, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/measures/${key}`}>← {key}</Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit {key}</h1>
      <MeasureForm
        mode="edit"
        options={options}
        values={(result?.initialValue as MeasureFormValues | undefined) ?? values}
        errors={result?.error ?? undefined}
        formErrors={result?.error?.[""] ?? undefined}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
