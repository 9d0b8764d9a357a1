import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { createMilestone } from "~/milestones/milestone-changes.server";
import { workstreamOptions } from "~/milestones/milestone-queries.server";
import { dependencyPicker } from "~/milestones/milestone-picker.server";
import { DefaultSubmit } from "~/components/forms/search-picker";
import { formDraft } from "~/pickers/picker-params";
import { MilestoneCreateSchema } from "~/milestones/milestone-schemas";
import { type MilestoneFieldSet, MilestoneFields } from "~/milestones/milestone-fields";
import { requireWorkstreamEditor } from "~/workstreams/ownership.server";
import { db } from "~/db.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "create:milestone:any", action: "create:milestone:any" });

export const meta: MetaFunction = () => [{ title: "New milestone · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const all = canActOnAny(user, access.loader);
  const url = new URL(request.url);
  const dependencies = dependencyPicker(db, url, { saved: [] });
  return {
    workstreams: workstreamOptions(db, all ? undefined : user.id),
    dependencies,
    // After a Find without JavaScript, the form comes back as it was left.
    draft: dependencies.searched ? formDraft(url, DRAFT_FIELDS) : null,
  };
}

const DRAFT_FIELDS = [
  "workstreamId",
  "code",
  "baselineDate",
  "title",
  "description",
  "forecastDate",
  "actualDate",
  "status",
  "percentComplete",
  "weight",
  "criticalPath",
] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const submission = parseWithZod(await readForm(request), { schema: MilestoneCreateSchema });
  if (submission.status !== "success") return invalid(submission);
  requireWorkstreamEditor(db, user, access.action, submission.value.workstreamId);
  try {
    const row = createMilestone(db, auditContext(user.id, context), submission.value);
    return redirectWithToast(`/milestones/${row.id}`, { kind: "success", message: `Milestone ${row.code} created.` });
  } catch (error) {
    return refusal(error, submission, []);
  }
}

export default function NewMilestone() {
  const { workstreams, dependencies, draft } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const [params] = useSearchParams();
  const preselected = workstreams.find((w) => w.code === params.get("workstream"))?.id;
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: draft ?? { workstreamId: preselected ? String(preselected) : "", status: "not_started", percentComplete: "0", weight: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneCreateSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New milestone</h1>
      {workstreams.length === 0 ? <p>You do not lead any workstream, so there is nowhere to add a milestone.</p> : null}
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <DefaultSubmit />
        <FormErrors errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label="Workstream"
            errors={fields.workstreamId.errors}
            errorId={fields.workstreamId.errorId}
            options={[{ value: "", label: "Choose…" }, ...workstreams.map((w) => ({ value: String(w.id), label: `${w.code} ${w.name}` }))]}
            {...getSelectProps(fields.workstreamId)}
          />
          <Field
            label="Code"
            hint="e.g. WS01-M10"
            errors={fields.code.errors}
            errorId={fields.code.errorId}
            {...getInputProps(fields.code, { type: "text" })}
          />
          <Field
            label="Baseline date"
            hint="Set once; later changes need a re-baseline with a reason."
            errors={fields.baselineDate.errors}
            errorId={fields.baselineDate.errorId}
            {...getInputProps(fields.baselineDate, { type: "date" })}
          />
        </div>
        <MilestoneFields fields={fields as unknown as MilestoneFieldSet} dependencies={dependencies} lastResult={data?.result} />
        <SubmitButton>Create milestone</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
