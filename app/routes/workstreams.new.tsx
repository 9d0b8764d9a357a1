import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { type WorkstreamFieldSet, WorkstreamFields } from "~/workstreams/workstream-fields";
import { WorkstreamCreateSchema } from "~/workstreams/workstream-schemas";
import { createWorkstream, peopleOptions } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "create:workstream:any", action: "create:workstream:any" });

export const meta: MetaFunction = () => [{ title: "New workstream · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return { people: peopleOptions(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const submission = parseWithZod(await readForm(request), { schema: WorkstreamCreateSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    const row = createWorkstream(db, auditContext(user.id, context), submission.value);
    return redirectWithToast(`/workstreams/${row.code}`, { kind: "success", message: `${row.code} created.` });
  } catch (error) {
    return refusal(error, submission, []);
  }
}

export default function NewWorkstream() {
  const { people } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: { lifecycleStatus: "planned" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkstreamCreateSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New workstream</h1>
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field label="Code" hint="WS-01, WS-02 …" errors={fields.code.errors} errorId={fields.code.errorId} {...getInputProps(fields.code, { type: "text" })} />
        <WorkstreamFields fields={fields as unknown as WorkstreamFieldSet} people={people} />
        <SubmitButton>Create workstream</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
