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
import { VersionConflict } from "~/components/version-conflict";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { ENGAGEMENT_DRAFT_FIELDS, EngagementEditSchema, LINKED_WORKSTREAMS_QUERY } from "~/engagements/engagement-schemas";
import { ENGAGEMENT_COMPARED_FIELDS, engagementDetail, updateEngagement, vendorOptions } from "~/engagements/engagements.server";
import { workstreamPicker } from "~/workstreams/workstream-picker.server";
import { DefaultSubmit } from "~/components/forms/search-picker";
import { formDraft } from "~/pickers/picker-params";
import { centsToDecimal } from "~/money/cents";
import { type EngagementFieldSet, EngagementFields } from "~/engagements/engagement-fields";
import { peopleOptions } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:engagement:any", action: "update:engagement:any" });

export const meta: MetaFunction = () => [{ title: "Edit engagement · Rampart" }];

function load(params: { id?: string }) {
  const id = Number(params.id);
  const detail = Number.isSafeInteger(id) && id > 0 ? engagementDetail(db, id, todayIso()) : null;
  if (!detail) throw new Response("Not found", { status: 404 });
  return detail;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const { engagement, workstreams } = load(params);
  const url = new URL(request.url);
  const picker = workstreamPicker(
    db,
    url,
    { query: LINKED_WORKSTREAMS_QUERY, field: "workstreamIds" },
    workstreams.map((w) => w.id),
  );
  return {
    engagement,
    options: { vendors: vendorOptions(db), people: peopleOptions(db), workstreams: picker },
    // After a Find without JavaScript, the form comes back as it was left.
    draft: picker.searched ? formDraft(url, ENGAGEMENT_DRAFT_FIELDS) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { engagement } = load(params);
  const submission = parseWithZod(await readForm(request), { schema: EngagementEditSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    updateEngagement(db, auditContext(user.id, context), engagement.id, submission.value);
  } catch (error) {
    return refusal(error, submission, ENGAGEMENT_COMPARED_FIELDS);
  }
  return redirectWithToast(`/engagements/${engagement.id}`, { kind: "success", message: "Engagement saved." });
}

export default function EditEngagement() {
  const { engagement: e, options, draft } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const version = data?.conflict?.currentVersion ?? e.version;
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: {
      vendorId: String(e.vendorId),
      title: e.title,
      kind: e.kind,
      sowReference: e.sowReference,
      description: e.description,
      startDate: e.startDate,
      endDate: e.endDate,
      contractValueCents: centsToDecimal(e.contractValueCents),
      status: e.status,
      relationshipOwnerId: e.relationshipOwnerId ? String(e.relationshipOwnerId) : "",
      ...draft,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EngagementEditSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <a href={`/engagements/${e.id}`}>← {e.title}</a>
      </p>
      <h1 className="text-2xl font-semibold">Edit engagement</h1>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <DefaultSubmit />
        <input type="hidden" name="version" value={version} />
        {data?.conflict ? null : <FormErrors errors={form.errors} />}
        <EngagementFields fields={fields as unknown as EngagementFieldSet} options={options} lastResult={data?.result} />
        <SubmitButton>Save engagement</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
