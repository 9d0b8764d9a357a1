import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { createMeasure, measureFormOptions } from "~/measures/measures.server";
import { MeasureFormSchema } from "~/measures/schemas";
import { MeasureForm, type MeasureFormValues } from "~/measures/ui/measure-form";
import { FieldValidationError } from "~/utils/field-errors";
import { readForm } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "update:measure:any", action: "update:measure:any" });

export const meta: MetaFunction = () => [{ title: "New measure · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return { options: measureFormOptions(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const submission = parseWithZod(await readForm(request), { schema: MeasureFormSchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  try {
    const row = createMeasure(db, auditContext(user.id, context), submission.value);
    return redirectWithToast(`/measures/${row.key}`, { kind: "success", message: `Measure ${row.key} created.` });
  } catch (error) {
    if (error instanceof FieldValidationError) return Response.json(submission.reply({ fieldErrors: error.fieldErrors }), { status: 400 });
    throw error;
  }
}

export default function NewMeasure() {
  const { options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/measures">← Measures</Link>
      </p>
      <h1 className="text-2xl font-semibold">New measure</h1>
      <MeasureForm
        mode="create"
        options={options}
        values={(result?.initialValue ?? {}) as MeasureFormValues}
        errors={result?.error ?? undefined}
        formErrors={result?.error?.[""] ?? undefined}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
