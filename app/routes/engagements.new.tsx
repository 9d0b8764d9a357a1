import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { ENGAGEMENT_DRAFT_FIELDS, EngagementCreateSchema, LINKED_WORKSTREAMS_QUERY } from "~/engagements/engagement-schemas";
import { createEngagement, vendorOptions } from "~/engagements/engagements.server";
import { workstreamPicker } from "~/workstreams/workstream-picker.server";
import { DefaultSubmit } from "~/components/forms/search-picker";
import { formDraft } from "~/pickers/picker-params";
import { type EngagementFieldSet, EngagementFields } from "~/engagements/engagement-fields";
import { peopleOptions } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:engagement:any", action: "update:engagement:any" });

export const meta: MetaFunction = () => [{ title: "New engagement · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const url = new URL(request.url);
  const workstreams = workstreamPicker(db, url, { query: LINKED_WORKSTREAMS_QUERY, field: "workstreamIds" }, []);
  return {
    options: { vendors: vendorOptions(db), people: peopleOptions(db), workstreams },
    // After a Find without JavaScript, the form comes back as it was left.
    draft: workstreams.searched ? formDraft(url, ENGAGEMENT_DRAFT_FIELDS) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const submission = parseWithZod(await readForm(request), { schema: EngagementCreateSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    const row = createEngagement(db, auditContext(user.id, context), submission.value);
    return redirectWithToast(`/engagements/${row.id}`, { kind: "success", message: `Engagement ${row.sowReference} created.` });
  } catch (error) {
    return refusal(error, submission, []);
  }
}

export default function NewEngagement() {
  const { options, draft } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: { kind: "advisory", status: "planned", ...draft },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EngagementCreateSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New engagement</h1>
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <DefaultSubmit />
        <FormErrors errors={form.errors} />
        <EngagementFields fields={fields as unknown as EngagementFieldSet} options={options} lastResult={data?.result} />
        <SubmitButton>Create engagement</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
